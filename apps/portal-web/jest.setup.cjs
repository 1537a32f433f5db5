// jsdom lacks what antd and CodeMirror measure layout with; these answer "nothing is laid out".
window.matchMedia ??= (query) => ({
  matches: false,
  media: query,
  onchange: null,
  addListener() {},
  removeListener() {},
  addEventListener() {},
  removeEventListener() {},
  dispatchEvent: () => false,
});
window.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
const emptyRects = () => Object.assign([], { item: () => null });
Range.prototype.getClientRects ??= emptyRects;
Range.prototype.getBoundingClientRect ??= () => ({
  x: 0,
  y: 0,
  width: 0,
  height: 0,
  top: 0,
  left: 0,
  right: 0,
  bottom: 0,
});
document.createRange ??= () => new Range();
// jsdom implements getComputedStyle without pseudo-elements (antd asks for ::-webkit-scrollbar).
const computedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element) => computedStyle(element);
// antd pages in jsdom render slowly when the suites share two cores: a find*/waitFor gets 15 s
// rather than testing-library's 1 s, so a loaded machine waits longer instead of failing.
require('@testing-library/react').configure({ asyncUtilTimeout: 15_000 });
// Every test gets 60 s, above that 15 s wait budget, so a slow wait fails as a wait and not as a
// test timeout. Set here: jest reads testTimeout only from the root config, not from a project's.
jest.setTimeout(60_000);
