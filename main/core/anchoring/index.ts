export { describeRange, type RangeDescription } from './describe';
export { anchor, type AnchorTarget, type Anchored } from './anchor';
export { matchQuote, type QuoteMatch, type QuoteToMatch, type MatchOptions } from './match-quote';
export { utf16ToCodePoint, codePointToUtf16 } from './codepoints';
