// Suites over HTTP start real servers and processes. On a busy 2-core machine a start-up hook can
// take longer than jest's 5 s default without anything being wrong; the conditions inside the
// tests still have their own deadlines.
jest.setTimeout(30_000);
