// The errno index as data: one page per outcome found in the observations, each with its
// occurrences grouped by transport and linked to their blocks. Pure: the pages in
// site/pages/errors/ load the data and render what this returns.
import type { Observations } from '../../observe/schema.ts';
import { scenarioHref } from './links.ts';
import { platformName } from './platform-name.ts';
import { OUTCOME_ORDER, noteOf, type OutcomeNote } from './outcome-notes.ts';
import { occurrences, outcomesFound, type Occurrence } from './outcomes.ts';
import type { Report } from './scenario-view.ts';

/** One occurrence as a row of an outcome's page. */
export interface OccurrenceRow extends Occurrence {
  /** The block that shows it; undefined when no page places the scenario. */
  href?: string;
  platformName: string;
}

/** One outcome's page. */
export interface OutcomePage {
  slug: string;
  note: OutcomeNote & { written: boolean };
  /** Observed occurrences, by transport in the order first seen. */
  byTransport: { transport: string; rows: OccurrenceRow[] }[];
  /** Values reported for other systems. */
  reported: OccurrenceRow[];
}

/** Every outcome's page, in reading order. */
export function outcomePages(observed: Observations, reports: Report[], home: Map<string, string>): OutcomePage[] {
  return outcomesFound(occurrences(observed, reports), OUTCOME_ORDER).map(({ slug, occurrences: all }) => {
    const rows = all.map((o): OccurrenceRow => ({ ...o, href: scenarioHref(o.id, home), platformName: platformName(o.platform) }));
    const seen = rows.filter((r) => r.how === 'observed');
    const transports = [...new Set(seen.map((r) => r.transport))];
    return {
      slug,
      note: noteOf(slug),
      byTransport: transports.map((transport) => ({ transport, rows: seen.filter((r) => r.transport === transport) })),
      reported: rows.filter((r) => r.how === 'reported'),
    };
  });
}
