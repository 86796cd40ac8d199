import { useCallback, useEffect, useState } from 'react';
import type { Template, TemplateInput } from '../api/templates-api';
import { useBusinessApi } from './use-business-api';

const order = (a: Template, b: Template) => a.name.localeCompare(b.name) || a.language.localeCompare(b.language);

/** The synced templates, with sync (pull from Meta) and submit (for approval) that keep the list current. */
export function useTemplates() {
  const { templates } = useBusinessApi();
  const [list, setList] = useState<Template[]>();
  const [error, setError] = useState<string>();

  const load = useCallback(
    () =>
      templates.list().then((found) => {
        setList(found);
        setError(undefined);
      }),
    [templates],
  );
  useEffect(() => {
    load().catch((caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)));
  }, [load]);

  const sync = useCallback(async () => {
    const { synced } = await templates.sync();
    await load();
    return synced;
  }, [templates, load]);
  const submit = useCallback(
    async (input: TemplateInput) => {
      const saved = await templates.submit(input);
      setList((current) =>
        [...(current ?? []).filter((one) => one.name !== saved.name || one.language !== saved.language), saved].sort(order),
      );
      return saved;
    },
    [templates],
  );
  return { list, error, sync, submit };
}
