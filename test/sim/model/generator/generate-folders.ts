import { mix, Rng } from '../hash.ts';
import type { FolderKey } from '../ids.ts';
import type { Population } from '../population-options.ts';
import { CALENDAR_FOLDER_ORDINAL, generatedWellKnownCount } from '../population-options.ts';
import { GENERATED_MAIL_FOLDERS, WELL_KNOWN_FOLDERS, wellKnownIndex } from '../well-known-folders.ts';
import { FOLDER_WORDS } from './words.ts';

/** One folder of a freshly generated (or freshly added) mailbox. */
export interface FolderLayoutEntry {
  key: FolderKey;
  parent?: FolderKey;
  displayName: string;
  folderClass: string;
  wellKnownName?: string;
  /** Ordinal in generated item ids when the folder holds generated messages (or CALENDAR_FOLDER_ORDINAL). */
  itemOrdinal?: number;
}

function wellKnownKey(name: string): FolderKey {
  const index = wellKnownIndex(name);
  if (index === undefined) throw new Error(`unknown distinguished folder ${name}`);
  return { kind: 'wellKnown', index };
}

/**
 * The folder tree of a generated mailbox, parents before children. Its order is the order of the
 * hierarchy change log (folder n was "created" at hierarchy sequence n + 1).
 */
export function generateFolderLayout(
  population: Population | undefined,
  ordinal: number,
): FolderLayoutEntry[] {
  const entries: FolderLayoutEntry[] = [];
  const mailFolders = population ? generatedWellKnownCount(population) : 0;
  for (const [index, folder] of WELL_KNOWN_FOLDERS.entries()) {
    const mailOrdinal = GENERATED_MAIL_FOLDERS.indexOf(folder.name);
    const holdsCalendarItems = folder.name === 'calendar' && (population?.calendarItemsPerMailbox ?? 0) > 0;
    entries.push({
      key: { kind: 'wellKnown', index },
      ...(folder.parent ? { parent: wellKnownKey(folder.parent) } : {}),
      displayName: folder.displayName,
      folderClass: folder.folderClass,
      wellKnownName: folder.name,
      ...(mailOrdinal >= 0 && mailOrdinal < mailFolders ? { itemOrdinal: mailOrdinal } : {}),
      ...(holdsCalendarItems ? { itemOrdinal: CALENDAR_FOLDER_ORDINAL } : {}),
    });
  }
  if (!population) return entries;
  const userFolders = population.foldersPerMailbox - mailFolders;
  for (let j = 0; j < userFolders; j++) {
    // Groups of five: a top-level folder (under the message root or, every other group, under Inbox)
    // followed by a chain of four nested folders, so depth reaches five.
    const group = Math.floor(j / 5);
    const parent: FolderKey =
      j % 5 === 0
        ? wellKnownKey(group % 2 === 0 ? 'msgfolderroot' : 'inbox')
        : { kind: 'generated', ordinal: j - 1 };
    const rng = new Rng(mix(population.seedHash, 0x666f, ordinal, j));
    entries.push({
      key: { kind: 'generated', ordinal: j },
      parent,
      displayName: `${rng.pick(FOLDER_WORDS)} ${j + 1}`,
      folderClass: 'IPF.Note',
      itemOrdinal: mailFolders + j,
    });
  }
  return entries;
}
