/**
 * A news article as a reader saves it twice: the first version, and the same
 * page after the newsroom edited it (a figure corrected, a paragraph added at
 * the top, one paragraph removed). Plus another story from the same site with
 * the same title and boilerplate, which is not a version of it.
 */
const BOILERPLATE =
  'Sign up for the Harbour Herald morning newsletter to get the day’s top stories in your inbox.';

export const PARAGRAPHS_V1 = [
  'Negotiators met in Doha on Tuesday. The mediator said the ceasefire holds across the north for now, and both delegations stayed at the table past midnight.',
  'The health minister said 40 people died in the strike on the central market, according to hospital records seen by reporters.',
  'Aid convoys crossed at dawn. Officials called it a fragile but real opening for relief, and the first trucks reached the city by noon.',
  'A spokesman declined to comment on the prisoner exchange that was announced last week, saying only that talks would continue.',
  'Residents of the old town described a quiet night, the first in weeks, with shops reopening along the waterfront and children back in the streets.',
  'Diplomats expect a second round of talks to begin next month, once both sides have consulted their capitals about the terms of a longer truce.',
];

export const PARAGRAPHS_V2 = [
  'Updated at 14:00 with new figures from the ministry and a statement from the mediator.',
  PARAGRAPHS_V1[0],
  PARAGRAPHS_V1[1].replace('40 people died', '45 people died'),
  PARAGRAPHS_V1[2],
  PARAGRAPHS_V1[4],
  PARAGRAPHS_V1[5],
];

export function newsPage(paragraphs: readonly string[], opts: { url?: string; title?: string } = {}): string {
  const title = opts.title ?? 'Ceasefire talks resume in Doha';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${title}</title>
<meta property="og:site_name" content="Harbour Herald">
${opts.url === undefined ? '<link rel="canonical" href="https://herald.example/world/ceasefire-talks">' : opts.url ? `<link rel="canonical" href="${opts.url}">` : ''}
</head><body><article><h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
<p>${BOILERPLATE}</p>
</article></body></html>`;
}

/** Another story of the site, under the same generic title, sharing only the boilerplate. */
export const OTHER_STORY = [
  'The harbour authority approved a new ferry timetable on Monday after months of complaints from commuters on the island routes.',
  'Under the plan, boats will leave every twenty minutes at peak hours, and a night service will run on weekends through the summer season.',
  'The operator said two older vessels would be retired and replaced by hybrid ferries built at the northern shipyard by next spring.',
  'Local councillors welcomed the decision but asked for lower fares for students and pensioners, which the authority promised to study.',
];
