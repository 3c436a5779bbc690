import { generateFolderLayout } from './generator/generate-folders.ts';
import { generateCalendarItem, generatedIsRead, generateMessage } from './generator/generate-item.ts';
import type { MailboxRegistry } from './mailbox-registry.ts';
import { MailboxState } from './mailbox-state.ts';
import { ModelError } from './model-error.ts';
import type { Population } from './population-options.ts';
import { CALENDAR_FOLDER_ORDINAL } from './population-options.ts';
import { GENERATED_MAIL_FOLDERS } from './well-known-folders.ts';

const TRANSIENT_STATES = 16;

/**
 * Copy-on-write at mailbox level. A mailbox nobody changed is rebuilt from the generator when read
 * (only its folder list: items stay virtual); the first write keeps its state for good.
 */
export class StateStore {
  private readonly population: Population;
  private readonly registry: MailboxRegistry;
  private readonly stored = new Map<number, MailboxState>();
  private readonly transient = new Map<number, MailboxState>();
  private lastBuilt: { ordinal: number; state: MailboxState } | undefined;

  constructor(population: Population, registry: MailboxRegistry) {
    this.population = population;
    this.registry = registry;
  }

  get materializedCount(): number {
    return this.stored.size;
  }

  isMaterialized(ordinal: number): boolean {
    return this.stored.has(ordinal);
  }

  private build(ordinal: number): MailboxState {
    const mailbox = this.registry.at(ordinal);
    if (!mailbox) throw new ModelError('mailboxNotFound', `no mailbox #${ordinal}`);
    const population = this.population;
    const inSentItems = (itemOrdinal: number): boolean => GENERATED_MAIL_FOLDERS[itemOrdinal] === 'sentitems';
    return new MailboxState({
      mailbox,
      layout: generateFolderLayout(mailbox.populated ? population : undefined, ordinal),
      itemCount: (itemOrdinal) =>
        itemOrdinal === CALENDAR_FOLDER_ORDINAL
          ? population.calendarItemsPerMailbox
          : population.itemsPerFolder,
      generate: (itemOrdinal, index) => {
        // The owner's current record, so renamed mailboxes generate with their new display name.
        const owner = this.registry.at(ordinal) ?? mailbox;
        return itemOrdinal === CALENDAR_FOLDER_ORDINAL
          ? generateCalendarItem(population, owner, index)
          : generateMessage(population, owner, itemOrdinal, index, inSentItems(itemOrdinal));
      },
      generatedIsRead: (itemOrdinal, index) =>
        generatedIsRead(population, ordinal, itemOrdinal, index, inSentItems(itemOrdinal)),
    });
  }

  /**
   * State for reading: the stored one, or one rebuilt from the generator (never mutated). Rebuilt states
   * enter a small cache on their second use in a row, so a protocol hammering one mailbox does not
   * rebuild it per request, while a walk over many mailboxes leaves only short-lived garbage.
   */
  read(ordinal: number): MailboxState {
    const stored = this.stored.get(ordinal);
    if (stored) return stored;
    const cached = this.transient.get(ordinal);
    if (cached) {
      this.transient.delete(ordinal);
      this.transient.set(ordinal, cached);
      return cached;
    }
    if (this.lastBuilt?.ordinal === ordinal) {
      const state = this.lastBuilt.state;
      this.transient.set(ordinal, state);
      if (this.transient.size > TRANSIENT_STATES) {
        const oldest = this.transient.keys().next().value;
        if (oldest !== undefined) this.transient.delete(oldest);
      }
      return state;
    }
    const state = this.build(ordinal);
    this.lastBuilt = { ordinal, state };
    return state;
  }

  /** State for writing: materializes the mailbox on first use. */
  write(ordinal: number): MailboxState {
    const stored = this.stored.get(ordinal);
    if (stored) return stored;
    const reused =
      this.transient.get(ordinal) ?? (this.lastBuilt?.ordinal === ordinal ? this.lastBuilt.state : undefined);
    const state = reused ?? this.build(ordinal);
    this.transient.delete(ordinal);
    if (this.lastBuilt?.ordinal === ordinal) this.lastBuilt = undefined;
    this.stored.set(ordinal, state);
    return state;
  }
}
