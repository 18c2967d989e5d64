/** Finding a requirement by what a person remembers of it. */
import { REQUIREMENTS, type Requirement } from "./requirements";

const normalise = (text: string) => text.toLowerCase().replace(/[^a-z0-9.]+/g, " ").trim();

interface Indexed {
  readonly requirement: Requirement;
  readonly words: string;
}

const INDEX: readonly Indexed[] = REQUIREMENTS.map((requirement) => ({
  requirement,
  words: ` ${normalise([requirement.id, requirement.cmmcId, requirement.familyCode, requirement.family, requirement.statement].join(" "))} `,
}));

/**
 * Requirements matching `query`, best first: an exact or leading ID ("3.14",
 * "3.14.1", "SI.L2-3.14.1") ranks first, then a family ("SI", "integrity"),
 * then requirements whose text has every word of the query. An empty query
 * lists them all in order.
 */
export function searchRequirements(query: string, limit = REQUIREMENTS.length): Requirement[] {
  const q = normalise(query);
  if (q === "") return REQUIREMENTS.slice(0, limit);
  const terms = q.split(" ");
  const scored = INDEX.flatMap(({ requirement, words }) => {
    const id = requirement.id;
    const cmmc = requirement.cmmcId.toLowerCase();
    let score: number;
    if (q === id || q === cmmc) score = 0;
    else if (id.startsWith(q) || cmmc.startsWith(q) || cmmc.endsWith(`-${q}`)) score = 1;
    else if (q === requirement.familyCode.toLowerCase()) score = 2;
    else if (terms.every((term) => words.includes(` ${term}`))) score = 3;
    else return [];
    return [{ requirement, score }];
  });
  // Array.prototype.sort is stable: requirements keep their order within a rank.
  return scored
    .sort((a, b) => a.score - b.score)
    .slice(0, limit)
    .map((entry) => entry.requirement);
}
