import type { ItemId, MailboxModel } from '../../model/index.ts';

/**
 * Immutable ids of items that left a folder. A delta `@removed` entry must name the item in the id
 * format the client asked for, but the model's change log only keeps the id the item had in that
 * folder. Items get a new id only when they arrive somewhere by a move; this index records the
 * immutable id of every such id as the model announces it, so tombstones can be translated later.
 * (Ids that were never moved are their own immutable id.) Moves made before the index subscribed are
 * not known to it.
 */
export class ImmutableIdIndex {
  private readonly immutableOf = new Map<ItemId, ItemId>();
  private readonly unsubscribe: () => void;

  constructor(model: MailboxModel) {
    const record = (itemId: ItemId): void => {
      const item = model.item(itemId);
      if (item && item.immutableId !== item.id) this.immutableOf.set(item.id, item.immutableId);
    };
    this.unsubscribe = model.onChange((event) => {
      if (event.type === 'itemCreated' || event.type === 'itemMoved') record(event.itemId);
    });
  }

  /** The immutable id of the item that had `itemId` (the id itself when it never moved). */
  lookup(itemId: ItemId): ItemId {
    return this.immutableOf.get(itemId) ?? itemId;
  }

  close(): void {
    this.unsubscribe();
  }
}
