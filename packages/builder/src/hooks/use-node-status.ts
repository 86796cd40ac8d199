import type { Problem } from '@chatflow/engine';
import { useSyncExternalStore } from 'react';
import type { NodeTraffic } from '../api/analytics-api';
import type { WindowNote } from '../editor/outside-window-notes';
import { useEditor } from './use-editor';

/** One canvas node's problems, whether it is the start and where the simulated chat is, and its outside-window note. */
export function useNodeStatus(nodeId: string): {
  problems: readonly Problem[];
  isStart: boolean;
  isActive: boolean;
  windowNote: WindowNote | undefined;
  traffic: NodeTraffic | undefined;
} {
  const { status } = useEditor();
  const problems = useSyncExternalStore(status.subscribe, () => status.problemsOf(nodeId));
  const isStart = useSyncExternalStore(status.subscribe, () => status.isStart(nodeId));
  const isActive = useSyncExternalStore(status.subscribe, () => status.isActive(nodeId));
  const windowNote = useSyncExternalStore(status.subscribe, () => status.windowNoteOf(nodeId));
  const traffic = useSyncExternalStore(status.subscribe, () => status.trafficOf(nodeId));
  return { problems, isStart, isActive, windowNote, traffic };
}
