import type { FlowDocument } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';
import { FlowEditor } from './flow-editor';

const emptyFlow = (): FlowDocument => ({ schemaVersion: 1, id: 'demo', name: 'Demo', start: 'start', nodes: [], edges: [] });

const twoNodes = (): FlowDocument => ({
  ...emptyFlow(),
  start: 'hello',
  nodes: [
    { id: 'hello', type: 'message', version: 1, position: { x: 0, y: 0 }, data: { text: 'Hi' } },
    {
      id: 'menu',
      type: 'menu',
      version: 1,
      position: { x: 300, y: 0 },
      data: { text: 'Pick', options: [{ id: 'a', label: 'A' }] },
    },
  ],
  edges: [{ id: 'e1', source: 'hello', sourceHandle: 'next', target: 'menu' }],
});

describe('FlowEditor', () => {
  it('adds a node with its starting config, selected, as the start of an empty flow', () => {
    const editor = new FlowEditor(emptyFlow());
    const id = editor.addNode('menu', { x: 10, y: 20 });
    expect(id).toBe('menu-1');
    const document = editor.document();
    expect(document.start).toBe('menu-1');
    expect(document.nodes).toEqual([
      {
        id: 'menu-1',
        type: 'menu',
        version: 1,
        position: { x: 10, y: 20 },
        data: expect.objectContaining({ text: '', options: [{ id: 'option_1', label: '' }] }),
      },
    ]);
    expect(editor.selectedNodes().map((n) => n.id)).toEqual(['menu-1']);
  });

  it('connects a node added after another from its first free exit', () => {
    const editor = new FlowEditor(twoNodes());
    editor.addNode('message', { x: 600, y: 0 }, 'menu');
    expect(editor.document().edges.at(-1)).toEqual({ id: 'e-menu-a-1', source: 'menu', sourceHandle: 'a', target: 'message-1' });
  });

  it('replaces the edge of an exit that is connected again', () => {
    const editor = new FlowEditor(twoNodes());
    editor.addNode('end', { x: 0, y: 300 });
    editor.connect({ source: 'hello', sourceHandle: 'next', target: 'end-1', targetHandle: null });
    expect(editor.document().edges).toEqual([{ id: 'e-hello-next-1', source: 'hello', sourceHandle: 'next', target: 'end-1' }]);
  });

  it('saves no React Flow runtime fields', () => {
    const editor = new FlowEditor(twoNodes());
    editor.applyNodeChanges([
      { type: 'dimensions', id: 'hello', dimensions: { width: 200, height: 80 } },
      { type: 'select', id: 'hello', selected: true },
      { type: 'position', id: 'hello', position: { x: 5.4, y: 9.6 }, dragging: true },
    ]);
    expect(editor.document().nodes[0]).toEqual({
      id: 'hello',
      type: 'message',
      version: 1,
      position: { x: 5, y: 10 },
      data: { text: 'Hi' },
    });
  });

  it('does not count selecting or measuring as a change', () => {
    const editor = new FlowEditor(twoNodes());
    editor.applyNodeChanges([{ type: 'select', id: 'hello', selected: true }]);
    editor.applyEdgeChanges([{ type: 'select', id: 'e1', selected: true }]);
    expect(editor.getState().revision).toBe(0);
    expect(editor.getState().canUndo).toBe(false);
  });

  it('selects an edge alone, without making it an undoable change', () => {
    const editor = new FlowEditor(twoNodes());
    editor.select(['hello']);
    editor.selectEdge('e1');
    expect(editor.selectedNodes()).toEqual([]);
    expect(
      editor
        .getState()
        .edges.filter((edge) => edge.selected)
        .map((edge) => edge.id),
    ).toEqual(['e1']);
    expect(editor.getState().canUndo).toBe(false);
  });

  it('undoes a whole drag in one step and redoes it', () => {
    const editor = new FlowEditor(twoNodes());
    for (const x of [10, 20, 30]) editor.applyNodeChanges([{ type: 'position', id: 'hello', position: { x, y: 0 }, dragging: true }]);
    editor.applyNodeChanges([{ type: 'position', id: 'hello', position: { x: 30, y: 0 }, dragging: false }]);
    editor.undo();
    expect(editor.document().nodes[0]?.position).toEqual({ x: 0, y: 0 });
    editor.redo();
    expect(editor.document().nodes[0]?.position).toEqual({ x: 30, y: 0 });
  });

  it('undoes typing in one field as one step, and deleting a node with its edges as one step', () => {
    const editor = new FlowEditor(twoNodes());
    editor.updateNodeData('hello', { text: 'Hi!' }, 'text');
    editor.updateNodeData('hello', { text: 'Hi!!' }, 'text');
    editor.select(['menu']);
    editor.deleteSelection();
    expect(editor.document().edges).toEqual([]);
    editor.undo();
    expect(editor.document().nodes).toHaveLength(2);
    expect(editor.document().edges).toHaveLength(1);
    editor.undo();
    expect(editor.document().nodes[0]?.data).toEqual({ text: 'Hi' });
  });

  it('removes the edges of nodes React Flow deletes, in one undo step', () => {
    const editor = new FlowEditor(twoNodes());
    editor.applyNodeChanges([{ type: 'remove', id: 'menu' }]);
    editor.applyEdgeChanges([{ type: 'remove', id: 'e1' }]);
    expect(editor.document().edges).toEqual([]);
    editor.undo();
    expect(editor.document().nodes).toHaveLength(2);
    expect(editor.document().edges).toHaveLength(1);
  });

  it('pastes copied nodes under new ids with the edges between them', () => {
    const source = new FlowEditor(twoNodes());
    source.selectAll();
    const payload = source.copySelection()!;
    const target = new FlowEditor(emptyFlow());
    const ids = target.paste(payload, { x: 100, y: 100 });
    expect(ids).toEqual(['message-1', 'menu-1']);
    const document = target.document();
    expect(document.start).toBe('message-1');
    expect(document.nodes.map((n) => n.position)).toEqual([
      { x: 100, y: 100 },
      { x: 400, y: 100 },
    ]);
    expect(document.edges).toEqual([{ id: 'e-message-1-next-1', source: 'message-1', sourceHandle: 'next', target: 'menu-1' }]);
  });

  it('changes nothing in a read-only view', () => {
    const editor = new FlowEditor(twoNodes(), true);
    editor.updateNodeData('hello', { text: 'changed' });
    editor.addNode('end', { x: 0, y: 0 });
    editor.select(['hello']);
    editor.deleteSelection();
    expect(editor.document()).toEqual(twoNodes());
  });

  it('restores a version as one undoable change', () => {
    const editor = new FlowEditor(twoNodes());
    editor.replaceDocument(emptyFlow());
    expect(editor.document().nodes).toEqual([]);
    editor.undo();
    expect(editor.document()).toEqual(twoNodes());
  });

  it('notifies subscribers of every change', () => {
    const editor = new FlowEditor(twoNodes());
    let calls = 0;
    const unsubscribe = editor.subscribe(() => {
      calls += 1;
    });
    editor.setStart('menu');
    unsubscribe();
    editor.setStart('hello');
    expect(calls).toBe(1);
  });
});
