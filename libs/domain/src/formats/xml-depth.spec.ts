import { findXmlTooDeep } from './xml-depth';

describe('findXmlTooDeep', () => {
  it('points at the start tag that goes one level too deep', () => {
    expect(findXmlTooDeep('<a><b><c>', 2)).toBe(6);
    expect(findXmlTooDeep('<a><b></b><b/></a>', 2)).toBeUndefined();
  });

  it('says nothing about text it cannot follow, leaving that to the validator', () => {
    expect(findXmlTooDeep('<a><b', 1)).toBeUndefined();
    expect(findXmlTooDeep('<a><!-- never closed <b><c>', 1)).toBeUndefined();
    expect(findXmlTooDeep('no tags at all', 1)).toBeUndefined();
  });

  it('counts a closing tag without its opening one as no deeper than the top', () => {
    expect(findXmlTooDeep('</x></x><a><b>', 1)).toBe(11);
  });
});
