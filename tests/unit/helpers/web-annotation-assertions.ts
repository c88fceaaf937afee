/**
 * The W3C Web Annotation Data Model's test assertions, as checks Gloss's
 * export must pass. Written from the JSON-schema assertions of the W3C test
 * suite (web-platform-tests, annotation-model/: the *.test lists name the
 * assertions, definitions/*.json hold the schemas they refer to), each named
 * by its assertion file and level. Hand-written rather than run through a
 * JSON-schema validator: none is a dependency, and the schemas' `oneOf` /
 * "not items not" idioms read more plainly as code.
 *
 * Covered: every MUST of annotationMusts, bodyMusts, targetMusts,
 * specificResourceMusts, collectionMusts and pageMusts, and the SHOULDs of
 * annotationOptionals, annotationAgentOptionals and bodyOptionals. (The
 * suite's target-level agent SHOULDs were not at hand to transcribe.)
 */

type Json = unknown;
type Obj = Record<string, Json>;

export interface Assertion {
  /** The assertion's file in the W3C suite. */
  id: string;
  level: 'must' | 'should';
  holds: (doc: Obj) => boolean;
}

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: Obj, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** JSON-schema "format": "uri": a scheme, then no white space. */
export const isUri = (v: Json): boolean => typeof v === 'string' && /^[a-z][a-z0-9+.-]*:\S*$/i.test(v);
/** JSON-schema "format": "date-time" (RFC 3339). */
const isDateTime = (v: Json): boolean =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(v);
const isInt0 = (v: Json): boolean => Number.isInteger(v) && (v as number) >= 0;

/** A value, or an array of exactly one such value. */
const single = (v: Json, ok: (x: Json) => boolean): boolean =>
  ok(v) || (Array.isArray(v) && v.length === 1 && ok(v[0]));
/** A value, or a non-empty array of such values. */
const oneOrMore = (v: Json, ok: (x: Json) => boolean): boolean =>
  ok(v) || (Array.isArray(v) && v.length >= 1 && v.every(ok));
/** The schemas' `not: { items: { not: X } }`: some item is X (a lone value: it is X). */
const someIs = (v: Json, ok: (x: Json) => boolean): boolean => (Array.isArray(v) ? v.some(ok) : ok(v));
/** A key absent, or valid. */
const ifPresent = (o: Obj, key: string, ok: (x: Json) => boolean): boolean => !has(o, key) || ok(o[key]);
/** A value, or a non-empty array whose items include it. */
const valueOrIncludes = (v: Json, value: string): boolean =>
  v === value || (Array.isArray(v) && v.includes(value));

const MOTIVATIONS = new Set([
  'assessing', 'bookmarking', 'classifying', 'commenting', 'describing', 'editing', 'highlighting',
  'identifying', 'linking', 'moderating', 'questioning', 'replying', 'tagging',
]); // prettier-ignore
const isMotivation = (v: Json): boolean => typeof v === 'string' && MOTIVATIONS.has(v);

// ---- resources (definitions/bodyTarget.json, specificResource.json, choiceSet.json)

const idValueFound = (o: Json): boolean => isObj(o) && has(o, 'id') && single(o.id, isUri);
const isEwr = (o: Json): boolean =>
  isObj(o) && idValueFound(o) && !has(o, 'value') && !has(o, 'source') && !has(o, 'target');
const isTextualBody = (o: Json): boolean => isObj(o) && typeof o.value === 'string';

const SELECTOR_CHECKS: Record<string, (s: Obj) => boolean> = {
  FragmentSelector: (s) => typeof s.value === 'string' && ifPresent(s, 'conformsTo', isUri),
  CssSelector: (s) => typeof s.value === 'string',
  XPathSelector: (s) => typeof s.value === 'string',
  TextQuoteSelector: (s) =>
    typeof s.exact === 'string' &&
    ifPresent(s, 'prefix', (p) => typeof p === 'string') &&
    ifPresent(s, 'suffix', (p) => typeof p === 'string'),
  TextPositionSelector: (s) => isInt0(s.start) && isInt0(s.end),
  DataPositionSelector: (s) => isInt0(s.start) && isInt0(s.end),
  SvgSelector: (s) => (typeof s.value === 'string') !== idValueFound(s),
  RangeSelector: (s) => isObj(s.startSelector) && isObj(s.endSelector),
};
/** A selector the model describes (with what its type requires), or one named by IRI. */
const isKnownSelector = (s: Json): boolean =>
  isUri(s) ||
  (isObj(s) && (idValueFound(s) || (typeof s.type === 'string' && (SELECTOR_CHECKS[s.type]?.(s) ?? false))));
/** specificResource.json: a typed selector must meet its type's constraints (specificResourceMusts). */
const selectorValid = (s: Json): boolean =>
  !isObj(s) || typeof s.type !== 'string' || !SELECTOR_CHECKS[s.type] || SELECTOR_CHECKS[s.type](s);

const isSpecificResource = (o: Json): boolean =>
  isObj(o) &&
  has(o, 'source') &&
  (isUri(o.source) || isEwr(o.source)) &&
  ((has(o, 'purpose') && oneOrMore(o.purpose, isMotivation)) ||
    (has(o, 'selector') && oneOrMore(o.selector, isKnownSelector)) ||
    has(o, 'state') ||
    has(o, 'styleClass') ||
    has(o, 'renderedVia') ||
    has(o, 'scope'));

const CHOICE_SET = ['Choice', 'Composite', 'List', 'Independents'];
const isChoiceOrSet = (o: Json): boolean =>
  isObj(o) && CHOICE_SET.some((t) => valueOrIncludes(o.type, t)) && Array.isArray(o.items);

/** Exactly one of the kinds a target may be (the schemas' oneOf). */
const isTargetResource = (t: Json): boolean =>
  isUri(t) || [isChoiceOrSet, isSpecificResource, isEwr].filter((kind) => kind(t)).length === 1;
const isBodyResource = (b: Json): boolean =>
  isUri(b) ||
  [isChoiceOrSet, isSpecificResource, isEwr, isTextualBody].filter((kind) => kind(b)).length === 1;

/** The bodies or targets of an annotation as a list. */
const listOf = (v: Json): Json[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

// ---- properties (definitions/otherProperties.json)

const lifecycleValid = (o: Obj): boolean =>
  ifPresent(o, 'created', (v) => single(v, isDateTime)) &&
  ifPresent(o, 'modified', (v) => single(v, isDateTime)) &&
  ifPresent(o, 'generated', (v) => single(v, isDateTime));
const linksValid = (o: Obj): boolean =>
  ifPresent(o, 'rights', (v) => oneOrMore(v, isUri)) &&
  ifPresent(o, 'canonical', (v) => single(v, isUri)) &&
  ifPresent(o, 'via', (v) => oneOrMore(v, isUri));
const textDirectionValid = (o: Obj): boolean =>
  ifPresent(o, 'textDirection', (v) => single(v, (d) => d === 'ltr' || d === 'rtl' || d === 'auto'));
const isMediaType = (v: Json): boolean =>
  typeof v === 'string' && /^(application|audio|example|image|multipart|text|video)\//.test(v);
const isLanguage = (v: Json): boolean => typeof v === 'string' && /^[a-z]{2,3}(-|$)/.test(v);
const isAgentLike = (v: Json): boolean => isUri(v) || isObj(v);

/** The resource-level MUSTs of bodyMusts / targetMusts for one body or target object. */
function resourceMusts(r: Json, role: 'body' | 'target'): boolean {
  if (!isObj(r)) return true;
  if (!(textDirectionValid(r) && lifecycleValid(r) && linksValid(r))) return false;
  if (isEwr(r) && (has(r, 'items') || has(r, 'purpose'))) return false;
  if (isChoiceOrSet(r) && (has(r, 'value') || has(r, 'source') || has(r, 'purpose'))) return false;
  if (isTextualBody(r) && (has(r, 'items') || has(r, 'source'))) return false;
  if (isSpecificResource(r) && (has(r, 'items') || has(r, 'value'))) return false;
  if (role === 'target' && valueOrIncludes(r.type, 'TextualBody')) return false;
  if (isSpecificResource(r)) {
    if (!ifPresent(r, 'selector', (s) => oneOrMore(s, isKnownSelector) && listOf(s).every(selectorValid)))
      return false;
    if (!ifPresent(r, 'styleClass', (s) => oneOrMore(s, (c) => typeof c === 'string'))) return false;
  }
  return true;
}

// ---- agents (otherProperties.json: agent*Found)

const agentHasId = (a: Json): boolean => idValueFound(a);
const agentHasType = (a: Json): boolean =>
  isObj(a) &&
  has(a, 'type') &&
  someIs(a.type, (t) => t === 'Person' || t === 'Organization' || t === 'Software');
const agentHasOneName = (a: Json): boolean =>
  isObj(a) && has(a, 'name') && single(a.name, (n) => typeof n === 'string');
const agentHasOneNickname = (a: Json): boolean =>
  isObj(a) && has(a, 'nickname') && single(a.nickname, (n) => typeof n === 'string');

// ---- the assertions

export const ANNOTATION_ASSERTIONS: Assertion[] = [
  // annotationMusts.test
  {
    id: '3.1-annotationContextValidated',
    level: 'must',
    holds: (a) => has(a, '@context') && valueOrIncludes(a['@context'], 'http://www.w3.org/ns/anno.jsonld'),
  },
  { id: '3.1-annotationIdValidated', level: 'must', holds: (a) => idValueFound(a) },
  { id: '3.1-annotationTypeValidated', level: 'must', holds: (a) => valueOrIncludes(a.type, 'Annotation') },
  { id: '3.1-targetKeyFound', level: 'must', holds: (a) => has(a, 'target') },
  {
    id: '3.2-targetObjectsRecognized',
    level: 'must',
    holds: (a) =>
      ifPresent(a, 'target', (t) => isTargetResource(t) || (Array.isArray(t) && t.every(isTargetResource))),
  },
  { id: '3.2.5-notBodyBodyValue', level: 'must', holds: (a) => !(has(a, 'body') && has(a, 'bodyValue')) },
  {
    id: '3.2-bodyObjectsRecognized',
    level: 'must',
    holds: (a) =>
      ifPresent(a, 'body', (b) => isBodyResource(b) || (Array.isArray(b) && b.every(isBodyResource))),
  },
  {
    id: '3.2.5-bodyValueValidated',
    level: 'must',
    holds: (a) => ifPresent(a, 'bodyValue', (v) => single(v, (s) => typeof s === 'string')),
  },
  {
    id: '3.3.1-annotationCreatedValidated',
    level: 'must',
    holds: (a) => ifPresent(a, 'created', (v) => single(v, isDateTime)),
  },
  {
    id: '3.3.1-annotationModifiedValidated',
    level: 'must',
    holds: (a) => ifPresent(a, 'modified', (v) => single(v, isDateTime)),
  },
  {
    id: '3.3.1-annotationGeneratedValidated',
    level: 'must',
    holds: (a) => ifPresent(a, 'generated', (v) => single(v, isDateTime)),
  },
  {
    id: '3.3.6-annotationRightsValidated',
    level: 'must',
    holds: (a) => ifPresent(a, 'rights', (v) => oneOrMore(v, isUri)),
  },
  {
    id: '3.3.7-annotationCanonicalValidated',
    level: 'must',
    holds: (a) => ifPresent(a, 'canonical', (v) => single(v, isUri)),
  },
  {
    id: '3.3.7-annotationViaValidated',
    level: 'must',
    holds: (a) => ifPresent(a, 'via', (v) => oneOrMore(v, isUri)),
  },
  // bodyMusts.test, targetMusts.test, specificResourceMusts.test: each body and target object
  {
    id: 'bodyMusts (3.2.1 textDirection, 3.3.1, 3.3.6, 3.3.7, 3.2.4/3.2.7/3.3.5/4 exclusive keys)',
    level: 'must',
    holds: (a) => listOf(a.body).every((b) => resourceMusts(b, 'body')),
  },
  {
    id: 'targetMusts + specificResourceMusts (4.2 selectors, 4.2.4 quote, 4.2.5 positions, 4.4 styleClass)',
    level: 'must',
    holds: (a) => listOf(a.target).every((t) => resourceMusts(t, 'target')),
  },
  // annotationOptionals.test: the SHOULDs
  { id: '3.1-bodyKeyFound', level: 'should', holds: (a) => has(a, 'body') },
  {
    id: '3.3.1-singleAnnotationCreatorImplemented',
    level: 'should',
    holds: (a) => has(a, 'creator') && single(a.creator, isAgentLike),
  },
  {
    id: '3.3.5-annotationSingleMotivationImplemented',
    level: 'should',
    holds: (a) => has(a, 'motivation') && single(a.motivation, isMotivation),
  },
  // annotationAgentOptionals.test: the SHOULDs
  ...(['creator', 'generator'] as const).flatMap((role): Assertion[] => {
    const Role = role === 'creator' ? 'Creator' : 'Generator';
    const agents = (a: Obj, ok: (x: Json) => boolean) => has(a, role) && someIs(a[role], ok);
    return [
      {
        id: `3.3.2-annotation${Role}AgentIdImplemented`,
        level: 'should',
        holds: (a) => agents(a, agentHasId),
      },
      {
        id: `3.3.2-annotation${Role}AgentTypeImplemented`,
        level: 'should',
        holds: (a) => agents(a, agentHasType),
      },
      {
        id: `3.3.2-annotation${Role}AgentNicknameImplemented`,
        level: 'should',
        holds: (a) => agents(a, agentHasOneNickname),
      },
      {
        id: `3.3.2-annotation${Role}AgentSingleNameImplemented`,
        level: 'should',
        holds: (a) => agents(a, agentHasOneName),
      },
    ];
  }),
  // bodyOptionals.test: the SHOULDs (one or more bodies has each)
  {
    id: '3.2.1-bodySingleFormat',
    level: 'should',
    holds: (a) => listOf(a.body).some((b) => isObj(b) && has(b, 'format') && single(b.format, isMediaType)),
  },
  {
    id: '3.2.1-bodySingleLanguage',
    level: 'should',
    holds: (a) =>
      listOf(a.body).some((b) => isObj(b) && has(b, 'language') && single(b.language, isLanguage)),
  },
  {
    id: '3.3.1-bodySingleCreator',
    level: 'should',
    holds: (a) => listOf(a.body).some((b) => isObj(b) && has(b, 'creator') && single(b.creator, isAgentLike)),
  },
  {
    id: '3.2.4-bodyETBTypeTextualBody',
    level: 'should',
    holds: (a) =>
      listOf(a.body).some((b) => isTextualBody(b) && valueOrIncludes((b as Obj).type, 'TextualBody')),
  },
];

/** collectionMusts.test and pageMusts.test (an embedded first page). */
export const COLLECTION_ASSERTIONS: Assertion[] = [
  {
    id: '5.1-collectionContextValidated',
    level: 'must',
    holds: (c) => valueOrIncludes(c['@context'], 'http://www.w3.org/ns/anno.jsonld'),
  },
  { id: '5.1-collectionIdValidated', level: 'must', holds: (c) => idValueFound(c) },
  {
    id: '5.1-collectionTypeValidated',
    level: 'must',
    holds: (c) => valueOrIncludes(c.type, 'AnnotationCollection'),
  },
  {
    id: '5.1-collectionLabelValidated',
    level: 'must',
    holds: (c) => ifPresent(c, 'label', (l) => oneOrMore(l, (s) => typeof s === 'string')),
  },
  {
    id: '5.1-collectionTotalValidated',
    level: 'must',
    holds: (c) => ifPresent(c, 'total', (t) => single(t, isInt0)),
  },
  {
    id: '5.1-collectionFirstValidated',
    level: 'must',
    holds: (c) =>
      (c.total === 0 || has(c, 'first')) &&
      ifPresent(c, 'first', (f) =>
        single(f, (p) => isUri(p) || (isObj(p) && valueOrIncludes(p.type, 'AnnotationPage'))),
      ),
  },
  {
    id: '5.1-collectionLastValidated',
    level: 'must',
    holds: (c) => ifPresent(c, 'last', (l) => single(l, isUri)),
  },
  { id: '3.3.1-collectionCreated/ModifiedValidated', level: 'must', holds: (c) => lifecycleValid(c) },
  {
    id: '3.3.6-collectionRightsValidated',
    level: 'must',
    holds: (c) => ifPresent(c, 'rights', (v) => oneOrMore(v, isUri)),
  },
  {
    id: 'pageMusts (5.2 type, items, startIndex, partOf/next/prev, 3.3.1, 3.3.6)',
    level: 'must',
    holds: (c) => {
      const page = c.first;
      if (!isObj(page)) return true;
      return (
        valueOrIncludes(page.type, 'AnnotationPage') &&
        ifPresent(page, 'id', (v) => single(v, isUri)) &&
        Array.isArray(page.items) &&
        page.items.every((i) => isUri(i) || (isObj(i) && valueOrIncludes(i.type, 'Annotation'))) &&
        ifPresent(page, 'startIndex', (v) => single(v, isInt0)) &&
        ['partOf', 'next', 'prev'].every((k) => ifPresent(page, k, (v) => single(v, isUri))) &&
        lifecycleValid(page) &&
        linksValid(page)
      );
    },
  },
];

/** The assertions a document fails, as "level id" lines. */
export function failures(doc: Obj, assertions: readonly Assertion[], levels = ['must', 'should']): string[] {
  return assertions.filter((x) => levels.includes(x.level) && !x.holds(doc)).map((x) => `${x.level} ${x.id}`);
}
