/**
 * What a tracked run needs from a worker (ActionDependencies), for tests that run actions without one: the database,
 * the secret box and session storage under `key`; queueing anything fails the test unless `extra` says otherwise.
 */
import type { PrismaClient } from "@prisma/client";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createSessionStorage } from "../../app/services/sessions/session-storage.server";
import type { ActionDependencies } from "../../app/services/sync/tracked-actions.server";

export function testActionDependencies(db: PrismaClient, key: string, extra: Partial<ActionDependencies> = {}): ActionDependencies {
  const unexpected = async () => {
    throw new Error("this test queues nothing");
  };
  return {
    db,
    box: new SecretBox(key),
    sessions: createSessionStorage(db, key),
    enqueueExport: unexpected,
    enqueuePosDispatch: unexpected,
    resumeLater: unexpected,
    ...extra,
  };
}
