import { templateProblems, type NotificationTemplates } from '../../../domain/notifications/notification';
import type { StoredSettings } from '../../../domain/settings/ports';
import { fail, ok, type Result } from '../../../domain/shared/result';
import type { UseCaseDeps } from '../deps';
import { makeChangeSettings } from '../settings/settings';

const changedEvents = (before: NotificationTemplates, after: NotificationTemplates): string[] => {
  const key = (t: NotificationTemplates['items'][number]) => JSON.stringify([t.templateId, t.variables]);
  const old = new Map(before.items.map((t) => [t.event, key(t)]));
  const now = new Map(after.items.map((t) => [t.event, key(t)]));
  return [...new Set([...old.keys(), ...now.keys()])].filter((event) => old.get(event) !== now.get(event)).sort();
};

export function makeGetNotificationTemplates({ store }: UseCaseDeps) {
  return async (): Promise<Result<StoredSettings<NotificationTemplates>>> =>
    ok(await store.notificationTemplates.get());
}

/** Every event's template at once (an event left out is not notified); kept with who, when, before and after. */
export function makeReplaceNotificationTemplates(deps: UseCaseDeps) {
  const change = makeChangeSettings(deps, (repos) => repos.notificationTemplates, changedEvents);
  return (templates: NotificationTemplates, actor: string) => {
    const problems = templateProblems(templates);
    if (problems.length > 0)
      return Promise.resolve(fail('VALIDATION_FAILED', 'The templates do not fit their events.', problems));
    return change(
      async () =>
        ok({
          items: templates.items.map((t) => ({
            event: t.event,
            templateId: t.templateId.toLowerCase(),
            variables: [...t.variables],
          })),
        }),
      actor,
    );
  };
}
