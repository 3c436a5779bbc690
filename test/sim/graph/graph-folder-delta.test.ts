import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphKit } from './support/graph-test-kit.ts';
import { readRound, startGraphKit } from './support/graph-test-kit.ts';

const USER = 'user00003@example.test';

type Folder = { id: string; displayName?: string; parentFolderId?: string; '@removed'?: { reason: string } };

/** https://learn.microsoft.com/graph/api/mailfolder-delta */
describe('Graph simulator: mail folder hierarchy delta', () => {
  let kit: GraphKit;
  beforeAll(async () => {
    kit = await startGraphKit({ population: { foldersPerMailbox: 15 } });
  });
  afterAll(async () => {
    await kit.close();
  });

  // https://learn.microsoft.com/graph/api/mailfolder-delta (nextLink pages with odata.maxpagesize, then a deltaLink)
  it('lists every mail folder below the message root, nested ones included, parents first', async () => {
    const round = await readRound(kit.client, `/users/${USER}/mailFolders/delta`, {
      Prefer: 'odata.maxpagesize=4',
    });
    const folders = round.value as Folder[];
    const model = kit.sim.model;
    const expected = model
      .descendantFolders(model.wellKnownFolder(USER, 'msgfolderroot')?.id ?? '')
      .filter((f) => f.folderClass.startsWith('IPF.Note'));
    expect(folders.map((f) => f.id).sort()).toEqual(expected.map((f) => f.id).sort());
    expect(round.pages).toBe(Math.ceil(expected.length / 4));
    const position = new Map(folders.map((f, i) => [f.id, i]));
    // Parents come before their children (top-level folders' parent, msgfolderroot, is not listed).
    const nested = folders.filter((f) => position.has(f.parentFolderId ?? ''));
    expect(nested.length).toBeGreaterThan(0);
    for (const folder of nested)
      expect(position.get(folder.parentFolderId ?? '')).toBeLessThan(position.get(folder.id) ?? -1);
    expect(folders.map((f) => f.displayName)).not.toContain('Calendar');
  });

  // https://learn.microsoft.com/graph/api/mailfolder-post-childfolders ; https://learn.microsoft.com/graph/api/mailfolder-update
  // https://learn.microsoft.com/graph/api/mailfolder-delete ; https://learn.microsoft.com/graph/api/mailfolder-permanentdelete
  it('reports created, renamed, moved and removed folders in later rounds', async () => {
    const base = `/users/${USER}/mailFolders`;
    const first = await readRound(kit.client, `${base}/delta?$select=displayName,parentFolderId`, {
      Prefer: 'odata.maxpagesize=50',
    });
    const created = (await kit.client
      .api(`${base}/inbox/childFolders`)
      .post({ displayName: 'Customers' })) as Folder;
    const userFolder = (first.value as Folder[]).find(
      (f) => /\d+$/.test(f.displayName ?? '') && f.displayName !== 'Customers',
    );
    if (!userFolder) throw new Error('no user folder');
    await kit.client.api(`${base}/${userFolder.id}`).patch({ displayName: 'Renamed folder' });
    const doomed = (await kit.client.api(`${base}`).post({ displayName: 'Short-lived' })) as Folder;
    const second = await readRound(kit.client, first.deltaLink);
    const changes = second.value as Folder[];
    expect(changes.find((f) => f.id === created.id)).toMatchObject({ displayName: 'Customers' });
    expect(changes.find((f) => f.id === userFolder.id)).toMatchObject({ displayName: 'Renamed folder' });
    expect(changes.find((f) => f.id === doomed.id)).toMatchObject({ displayName: 'Short-lived' });
    expect(changes).toHaveLength(3);

    await kit.client.api(`${base}/${doomed.id}`).delete();
    const third = await readRound(kit.client, second.deltaLink);
    expect(third.value).toEqual([
      expect.objectContaining({
        id: doomed.id,
        parentFolderId: kit.sim.model.wellKnownFolder(USER, 'deleteditems')?.id,
      }),
    ]);

    await kit.client.api(`${base}/${doomed.id}/permanentDelete`).post({});
    const fourth = await readRound(kit.client, third.deltaLink);
    expect(fourth.value).toEqual([
      { '@odata.type': '#microsoft.graph.mailFolder', id: doomed.id, '@removed': { reason: 'deleted' } },
    ]);
  });
});
