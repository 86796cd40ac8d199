import { defaultRegistry, type FlowDocument, type Registry } from '@chatflow/engine';
import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react';
import { initialValue } from '../schema-form/initial-value';
import { configSchemaOf } from '../schema-form/json-schema';
import type { ClipboardPayload } from './clipboard-payload';
import type { EditorEdge, EditorNode, FlowMeta, NodeData } from './editor-node';
import { History } from './history';
import { nodeExits } from './node-content';
import { fromDocument, toDocument, toFlowEdge, toFlowNode } from './to-document';
import { uniqueId } from './unique-id';

/** What the editor shows; replaced (never mutated) on every change. */
export interface EditorState {
  readonly meta: FlowMeta;
  readonly nodes: readonly EditorNode[];
  readonly edges: readonly EditorEdge[];
  /** Bumped on every change to the document; selecting and measuring do not count. */
  readonly revision: number;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

interface Snapshot {
  meta: FlowMeta;
  nodes: readonly EditorNode[];
  edges: readonly EditorEdge[];
}

const PASTE_OFFSET = 40;

/**
 * The flow being edited and every way to change it, with undo/redo for each change. React Flow's
 * change events come in through `applyNodeChanges` / `applyEdgeChanges`; components subscribe
 * to the state with `useSyncExternalStore`. Holds no React state, so it is tested on its own.
 */
export class FlowEditor {
  private state: EditorState;
  private readonly history = new History<Snapshot>();
  private readonly listeners = new Set<() => void>();
  private cachedDocument: { revision: number; document: FlowDocument } | undefined;

  constructor(
    document: FlowDocument,
    readonly readOnly = false,
    readonly registry: Registry = defaultRegistry,
  ) {
    this.state = { ...fromDocument(document), revision: 0, canUndo: false, canRedo: false };
  }

  readonly getState = (): EditorState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The flow document as saved (runtime-only fields stripped), cached per revision. */
  document(): FlowDocument {
    if (this.cachedDocument?.revision !== this.state.revision) {
      this.cachedDocument = { revision: this.state.revision, document: toDocument(this.state.meta, this.state.nodes, this.state.edges) };
    }
    return this.cachedDocument.document;
  }

  selectedNodes(): EditorNode[] {
    return this.state.nodes.filter((node) => node.selected);
  }

  readonly applyNodeChanges = (changes: NodeChange<EditorNode>[]): void => {
    const editing = changes.filter((change) => change.type !== 'select' && change.type !== 'dimensions');
    if (this.readOnly || editing.length === 0) {
      const view = changes.filter((change) => change.type === 'select' || change.type === 'dimensions');
      if (view.length > 0) this.setView({ nodes: applyNodeChanges(view, [...this.state.nodes]) });
      return;
    }
    const nodes = applyNodeChanges(changes, [...this.state.nodes]);
    const removed = new Set(changes.flatMap((change) => (change.type === 'remove' ? [change.id] : [])));
    const edges = removed.size ? this.state.edges.filter((e) => !removed.has(e.source) && !removed.has(e.target)) : this.state.edges;
    const moving = changes.every((change) => change.type === 'position' || change.type === 'select' || change.type === 'dimensions');
    this.commit({ nodes, edges }, moving ? 'move' : removed.size ? 'delete' : undefined);
    // A drag ends with a position change that is no longer `dragging`: the next drag is a new step.
    if (moving && changes.some((change) => change.type === 'position' && !change.dragging)) this.history.seal();
  };

  readonly applyEdgeChanges = (changes: EdgeChange<EditorEdge>[]): void => {
    const view = changes.every((change) => change.type === 'select');
    if (view || this.readOnly) {
      const selecting = changes.filter((change) => change.type === 'select');
      if (selecting.length > 0) this.setView({ edges: applyEdgeChanges(selecting, [...this.state.edges]) });
      return;
    }
    const edges = applyEdgeChanges(changes, [...this.state.edges]);
    // Removing a node already removed its edges; React Flow then asks again for the same edges.
    if (edges.length === this.state.edges.length && changes.every((change) => change.type === 'remove')) return;
    this.commit({ edges }, 'delete');
  };

  /** Connects an exit to a node. An exit leads to one node, so an edge it already had is replaced. */
  readonly connect = (connection: Connection): void => {
    if (this.readOnly || connection.source === connection.target) return;
    const handle = connection.sourceHandle ?? null;
    const kept = this.state.edges.filter((edge) => !(edge.source === connection.source && (edge.sourceHandle ?? null) === handle));
    const edge: EditorEdge = {
      id: uniqueId(`e-${connection.source}-${handle ?? 'next'}`, new Set(kept.map((e) => e.id))),
      source: connection.source,
      target: connection.target,
      ...(handle ? { sourceHandle: handle } : {}),
    };
    this.commit({ edges: [...kept, edge] });
  };

  /**
   * Adds a node of `type` at `position`, selected, with its schema's starting config. With
   * `after`, the new node is connected from the first free exit of that node. The first node of
   * a flow without a valid start becomes its start.
   */
  addNode(type: string, position: XYPosition, after?: string): string | undefined {
    const definition = this.registry.get(type);
    if (this.readOnly || !definition) return undefined;
    const id = uniqueId(type, new Set(this.state.nodes.map((n) => n.id)));
    const node: EditorNode = {
      id,
      type,
      version: definition.version,
      position,
      data: initialValue(configSchemaOf(definition)) as NodeData,
      selected: true,
    };
    const nodes = [...this.state.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node];
    const edges = [...this.state.edges];
    const previous = after ? this.state.nodes.find((n) => n.id === after) : undefined;
    const previousType = previous?.type ? this.registry.get(previous.type) : undefined;
    if (previous && previousType) {
      const used = new Set(edges.filter((e) => e.source === previous.id).map((e) => e.sourceHandle ?? 'next'));
      const exit = nodeExits(previousType, previous.data).find((candidate) => !used.has(candidate.id));
      if (exit) {
        edges.push({
          id: uniqueId(`e-${previous.id}-${exit.id}`, new Set(edges.map((e) => e.id))),
          source: previous.id,
          sourceHandle: exit.id,
          target: id,
        });
      }
    }
    const hasStart = this.state.nodes.some((n) => n.id === this.state.meta.start);
    this.commit({ nodes, edges, meta: hasStart ? this.state.meta : { ...this.state.meta, start: id } });
    return id;
  }

  /** The admin left a field: the next edit of it is a new undo step, however soon it comes. */
  endEdit(): void {
    this.history.seal();
  }

  /** Replaces a node's config. `field` groups quick edits of one field into one undo step. */
  updateNodeData(id: string, data: NodeData, field?: string): void {
    if (this.readOnly) return;
    const nodes = this.state.nodes.map((node) => (node.id === id ? { ...node, data } : node));
    this.commit({ nodes }, field === undefined ? undefined : `data:${id}:${field}`);
  }

  /** Changes the flow's own fields (name, variables, settings, start). */
  updateMeta(meta: FlowMeta, field?: string): void {
    if (this.readOnly) return;
    this.commit({ meta }, field === undefined ? undefined : `meta:${field}`);
  }

  setStart(id: string): void {
    this.updateMeta({ ...this.state.meta, start: id });
  }

  /** Moves nodes to new positions at once (auto-layout): one undo step. */
  moveNodes(positions: ReadonlyMap<string, XYPosition>): void {
    if (this.readOnly) return;
    const nodes = this.state.nodes.map((node) => {
      const position = positions.get(node.id);
      return position ? { ...node, position } : node;
    });
    this.commit({ nodes });
  }

  /** Selects exactly these nodes (and no edges). */
  select(ids: readonly string[]): void {
    const wanted = new Set(ids);
    this.setView({
      nodes: this.state.nodes.map((node) =>
        Boolean(node.selected) === wanted.has(node.id) ? node : { ...node, selected: wanted.has(node.id) },
      ),
      edges: this.state.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)),
    });
  }

  /** Selects exactly this edge (and no nodes), e.g. from a problem on it. */
  selectEdge(edgeId: string): void {
    this.setView({
      nodes: this.state.nodes.map((node) => (node.selected ? { ...node, selected: false } : node)),
      edges: this.state.edges.map((edge) =>
        Boolean(edge.selected) === (edge.id === edgeId) ? edge : { ...edge, selected: edge.id === edgeId },
      ),
    });
  }

  selectAll(): void {
    this.select(this.state.nodes.map((node) => node.id));
  }

  /** Deletes the selected nodes (with their edges) and the selected edges, as one undo step. */
  deleteSelection(): void {
    if (this.readOnly) return;
    const removed = new Set(this.selectedNodes().map((node) => node.id));
    const nodes = this.state.nodes.filter((node) => !removed.has(node.id));
    const edges = this.state.edges.filter((edge) => !edge.selected && !removed.has(edge.source) && !removed.has(edge.target));
    if (nodes.length === this.state.nodes.length && edges.length === this.state.edges.length) return;
    this.commit({ nodes, edges });
  }

  /** The selected nodes and the edges between them, as the clipboard carries them. */
  copySelection(): ClipboardPayload | undefined {
    const selected = this.selectedNodes();
    if (selected.length === 0) return undefined;
    const ids = new Set(selected.map((node) => node.id));
    return {
      nodes: selected.map(toFlowNode),
      edges: this.state.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)).map(toFlowEdge),
    };
  }

  /**
   * Pastes copied nodes under new ids, selected, with the edges between them. With `at` the
   * pasted group's top-left corner goes there; without, it lands a little below and right of the
   * originals. Nodes of types this registry does not know are left out.
   */
  paste(payload: ClipboardPayload, at?: XYPosition): string[] {
    const known = payload.nodes.filter((node) => this.registry.get(node.type));
    if (this.readOnly || known.length === 0) return [];
    const taken = new Set(this.state.nodes.map((n) => n.id));
    const renamed = new Map<string, string>();
    for (const node of known) {
      const id = uniqueId(node.type, taken);
      taken.add(id);
      renamed.set(node.id, id);
    }
    const left = Math.min(...known.map((n) => n.position.x));
    const top = Math.min(...known.map((n) => n.position.y));
    const shift = at ? { x: at.x - left, y: at.y - top } : { x: PASTE_OFFSET, y: PASTE_OFFSET };
    const pasted: EditorNode[] = known.map((node) => ({
      id: renamed.get(node.id)!,
      type: node.type,
      ...(typeof node.version === 'number' ? { version: node.version } : {}),
      position: { x: node.position.x + shift.x, y: node.position.y + shift.y },
      data: structuredClone(node.data),
      selected: true,
    }));
    const edgeIds = new Set(this.state.edges.map((e) => e.id));
    const pastedEdges: EditorEdge[] = payload.edges.flatMap((edge) => {
      const source = renamed.get(edge.source);
      const target = renamed.get(edge.target);
      if (!source || !target) return [];
      const id = uniqueId(`e-${source}-${edge.sourceHandle ?? 'next'}`, edgeIds);
      edgeIds.add(id);
      return [{ id, source, target, ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}) }];
    });
    const hasStart = this.state.nodes.some((n) => n.id === this.state.meta.start);
    this.commit({
      nodes: [...this.state.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted],
      edges: [...this.state.edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...pastedEdges],
      meta: hasStart ? this.state.meta : { ...this.state.meta, start: pasted[0]!.id },
    });
    return pasted.map((node) => node.id);
  }

  /** Replaces the whole flow (restoring a published version as the draft): one undo step. */
  replaceDocument(document: FlowDocument): void {
    if (this.readOnly) return;
    this.commit(this.keepView(fromDocument(document)));
  }

  readonly undo = (): void => {
    const previous = this.history.undo(this.snapshot());
    if (previous) this.restore(previous);
  };

  readonly redo = (): void => {
    const next = this.history.redo(this.snapshot());
    if (next) this.restore(next);
  };

  private snapshot(): Snapshot {
    return { meta: this.state.meta, nodes: this.state.nodes, edges: this.state.edges };
  }

  private restore(snapshot: Snapshot): void {
    this.state = { ...this.state, ...this.keepView(snapshot), revision: this.state.revision + 1, ...this.undoFlags() };
    this.emit();
  }

  /** A snapshot with the current selection and measured sizes, so undo does not jump the view. */
  private keepView(snapshot: Snapshot): Snapshot {
    const current = new Map(this.state.nodes.map((node) => [node.id, node]));
    return {
      meta: snapshot.meta,
      nodes: snapshot.nodes.map((node) => {
        const now = current.get(node.id);
        return { ...node, selected: now?.selected ?? false, ...(now?.measured ? { measured: now.measured } : {}) };
      }),
      edges: snapshot.edges,
    };
  }

  private commit(change: Partial<Snapshot>, key?: string): void {
    this.history.record(this.snapshot(), key);
    this.state = { ...this.state, ...change, revision: this.state.revision + 1, ...this.undoFlags() };
    this.emit();
  }

  private setView(change: Partial<Snapshot>): void {
    this.state = { ...this.state, ...change };
    this.emit();
  }

  private undoFlags(): { canUndo: boolean; canRedo: boolean } {
    return { canUndo: this.history.canUndo, canRedo: this.history.canRedo };
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
