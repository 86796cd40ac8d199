import type { Problem } from '@chatflow/engine';
import type { NodeTraffic } from '../api/analytics-api';
import type { WindowNote } from './outside-window-notes';
import { problemsByEdge } from './problems-by-edge';
import { problemsByNode } from './problems-by-node';

const NONE: readonly Problem[] = [];

/**
 * What the canvas shows on nodes and edges besides their config: their problems, which node is the start,
 * and which one the simulated conversation is at. Each node subscribes to its own slice, so a
 * change re-renders only the nodes it concerns.
 */
export class CanvasStatus {
  private problems = new Map<string, Problem[]>();
  private edgeProblems = new Map<string, Problem[]>();
  private windowNotes = new Map<string, WindowNote>();
  private traffic: Map<string, NodeTraffic> | undefined;
  private busiestExit = 0;
  private active: string | undefined;
  private start: string | undefined;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  problemsOf(nodeId: string): readonly Problem[] {
    return this.problems.get(nodeId) ?? NONE;
  }

  problemsOfEdge(edgeId: string): readonly Problem[] {
    return this.edgeProblems.get(edgeId) ?? NONE;
  }

  /** What the node would send outside the customer's 24-hour window, when it may run there. */
  windowNoteOf(nodeId: string): WindowNote | undefined {
    return this.windowNotes.get(nodeId);
  }

  /** The node's counts while the traffic view is on. */
  trafficOf(nodeId: string): NodeTraffic | undefined {
    return this.traffic?.get(nodeId);
  }

  /** How much of the busiest exit's traffic an exit carries (0 to 1), while the traffic view is on. */
  exitShare(nodeId: string, exitId: string): number | undefined {
    if (!this.traffic) return undefined;
    const count = this.traffic.get(nodeId)?.exits[exitId] ?? 0;
    return this.busiestExit > 0 ? count / this.busiestExit : 0;
  }

  /** Turns the traffic view on with these counts, or off. */
  setTraffic(nodes: readonly NodeTraffic[] | undefined): void {
    this.traffic = nodes && new Map(nodes.map((node) => [node.nodeId, node]));
    this.busiestExit = Math.max(0, ...(nodes ?? []).flatMap((node) => Object.values(node.exits)));
    this.emit();
  }

  isActive(nodeId: string): boolean {
    return this.active === nodeId;
  }

  isStart(nodeId: string): boolean {
    return this.start === nodeId;
  }

  setProblems(problems: readonly Problem[]): void {
    this.problems = problemsByNode(problems, this.problems);
    this.edgeProblems = problemsByEdge(problems, this.edgeProblems);
    this.emit();
  }

  setWindowNotes(notes: Map<string, WindowNote>): void {
    // Kept per node when unchanged, so only the nodes whose note changed re-render.
    const next = new Map<string, WindowNote>();
    for (const [nodeId, note] of notes) {
      const known = this.windowNotes.get(nodeId);
      next.set(nodeId, known && known.text === note.text && known.severity === note.severity ? known : note);
    }
    this.windowNotes = next;
    this.emit();
  }

  setActive(nodeId: string | undefined): void {
    if (nodeId === this.active) return;
    this.active = nodeId;
    this.emit();
  }

  setStart(nodeId: string | undefined): void {
    if (nodeId === this.start) return;
    this.start = nodeId;
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
