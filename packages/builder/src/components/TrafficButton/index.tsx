import { useEffect, useState } from 'react';
import { flowTraffic } from '../../api/analytics-api';
import { useApi } from '../../hooks/use-api';
import { useEditor } from '../../hooks/use-editor';
import { toasts } from '../../notifications/toasts';

/** How far back the canvas counts go. */
const DAYS = 30;

/**
 * "Traffic": draws on the canvas what customers did in the last 30 days: how many entered each
 * node, how many left by each exit (edges thicker the busier), who waits there and who stopped.
 */
export function TrafficButton({ flowId }: { flowId: string }) {
  const { client } = useApi();
  const { status } = useEditor();
  const [on, setOn] = useState(false);
  useEffect(() => () => status.setTraffic(undefined), [status]);

  const toggle = async () => {
    if (on) {
      status.setTraffic(undefined);
      setOn(false);
      return;
    }
    try {
      status.setTraffic(await flowTraffic(client, flowId, DAYS));
      setOn(true);
    } catch (error) {
      toasts.show('error', `Could not load the traffic: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <button
      type="button"
      className={`tool-button${on ? ' is-on' : ''}`}
      aria-pressed={on}
      onClick={() => void toggle()}
      title={`Show on the canvas what customers did in the last ${DAYS} days`}
    >
      📊 Traffic
    </button>
  );
}
