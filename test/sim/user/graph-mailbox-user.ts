import { readFileSync } from 'node:fs';
import type { Client } from '@microsoft/microsoft-graph-client';
import { Agent } from 'undici';
import type { MountedGraph } from '../graph/start-graph.ts';
import { clientFor } from '../graph/support/graph-test-kit.ts';
import type { MailboxUser, NewUserMessage, UserSensitivity } from './mailbox-user.ts';

/** PR_SENSITIVITY and PR_MESSAGE_CLASS: v1.0 messages have neither as a property. */
const SENSITIVITY = 'Integer 0x36';
const MESSAGE_CLASS = 'String 0x001A';
const SENSITIVITY_VALUE: Record<UserSensitivity, string> = {
  normal: '0',
  personal: '1',
  private: '2',
  confidential: '3',
};

/**
 * The user on Microsoft Graph through @microsoft/microsoft-graph-client (app-only):
 * POST childFolders, PATCH mailFolder, POST mailFolders/{id}/move, DELETE or permanentDelete;
 * POST mailFolders/{id}/messages (sensitivity and message class as singleValueExtendedProperties),
 * POST messages/{id}/move, DELETE or permanentDelete, PATCH `flag` and PATCH
 * singleValueExtendedProperties `Integer 0x36`.
 */
export function graphMailboxUser(graph: MountedGraph, mailbox: string): MailboxUser {
  const ca = readFileSync(graph.caPath);
  const dispatcher = new Agent({ connect: { ca } });
  const client: Client = clientFor(graph, ca, dispatcher);
  const user = `/users/${encodeURIComponent(mailbox)}`;
  const folder = (id: string) => `${user}/mailFolders/${encodeURIComponent(id)}`;
  const message = (id: string) => `${user}/messages/${encodeURIComponent(id)}`;
  return {
    protocol: 'graph',
    mailbox,
    async createFolder(parentId, displayName) {
      const created = (await client.api(`${folder(parentId)}/childFolders`).post({ displayName })) as {
        id: string;
      };
      return created.id;
    },
    async renameFolder(folderId, displayName) {
      await client.api(folder(folderId)).patch({ displayName });
    },
    async moveFolder(folderId, parentId) {
      await client.api(`${folder(folderId)}/move`).post({ destinationId: parentId });
    },
    async deleteFolder(folderId, mode) {
      if (mode === 'hard') await client.api(`${folder(folderId)}/permanentDelete`).post({});
      else await client.api(folder(folderId)).delete();
    },
    async createMessage(folderId, input: NewUserMessage) {
      const properties = [
        ...(input.sensitivity ? [{ id: SENSITIVITY, value: SENSITIVITY_VALUE[input.sensitivity] }] : []),
        ...(input.itemClass ? [{ id: MESSAGE_CLASS, value: input.itemClass }] : []),
      ];
      const created = (await client.api(`${folder(folderId)}/messages`).post({
        subject: input.subject,
        body: { contentType: 'text', content: input.body ?? input.subject },
        ...(input.flagStatus ? { flag: { flagStatus: input.flagStatus } } : {}),
        ...(properties.length ? { singleValueExtendedProperties: properties } : {}),
      })) as { id: string };
      return created.id;
    },
    async moveMessage(messageId, folderId) {
      const moved = (await client.api(`${message(messageId)}/move`).post({ destinationId: folderId })) as {
        id: string;
      };
      return moved.id;
    },
    async deleteMessage(messageId, mode) {
      if (mode === 'hard') await client.api(`${message(messageId)}/permanentDelete`).post({});
      else await client.api(message(messageId)).delete();
    },
    async setSensitivity(messageId, sensitivity) {
      await client.api(message(messageId)).patch({
        singleValueExtendedProperties: [{ id: SENSITIVITY, value: SENSITIVITY_VALUE[sensitivity] }],
      });
    },
    async setFlag(messageId, status) {
      await client.api(message(messageId)).patch({ flag: { flagStatus: status } });
    },
    close: () => dispatcher.close(),
  };
}
