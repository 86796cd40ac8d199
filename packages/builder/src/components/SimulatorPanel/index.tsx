import type { OutboundMessage } from '@chatflow/engine';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useEditor } from '../../hooks/use-editor';
import { useEditorState } from '../../hooks/use-editor-state';
import { useFollowNode } from '../../hooks/use-follow-node';
import { useSimulator } from '../../hooks/use-simulator';
import { ChatBubble } from '../ChatBubble';
import { ListSheet } from './list-sheet';
import { LiveVariables } from './live-variables';
import { SaveAsTest } from './save-as-test';
import './style.css';

type Menu = Extract<OutboundMessage, { kind: 'menu' }>;

/** Conversation statuses after which the flow says nothing more. */
const ENDED = new Set(['ended', 'expired', 'done']);

/**
 * A chat with the current draft on the server's web channel, drawn the way WhatsApp shows it.
 * The node the conversation is at glows on the canvas.
 */
export function SimulatorPanel({ onClose }: { onClose: () => void }) {
  const { editor, status } = useEditor();
  const { revision } = useEditorState(editor);
  const { session, state } = useSimulator();
  const [text, setText] = useState('');
  const [list, setList] = useState<Menu>();
  const startedAt = useRef(revision);
  const chat = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: start once, with the draft as it is when the panel opens
  useEffect(() => {
    startedAt.current = editor.getState().revision;
    void session.start(editor.document());
  }, [session]);

  useEffect(() => {
    status.setActive(state.nodeId);
    return () => status.setActive(undefined);
  }, [status, state.nodeId]);
  useFollowNode(state.nodeId);

  const entries = state.entries.length;
  useEffect(() => {
    if (entries) chat.current?.scrollTo({ top: chat.current.scrollHeight, behavior: 'smooth' });
  }, [entries]);

  const restart = () => {
    startedAt.current = editor.getState().revision;
    setList(undefined);
    void session.restart(editor.document());
  };

  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    void session.send({ kind: 'text', text: text.trim() });
    setText('');
  };

  const choose = (id: string, title: string) => {
    setList(undefined);
    void session.send({ kind: 'choice', id, title });
  };

  const running = state.phase === 'running';
  return (
    <section className="simulator" aria-label="Test chat" data-testid="simulator">
      <header className="simulator-head">
        <div className="simulator-title">
          <span className="simulator-avatar">🤖</span>
          <div>
            <strong>Test chat</strong>
            <span>{statusLine(state.phase, state.status, state.nodeId)}</span>
          </div>
        </div>
        <button type="button" className="icon-button" aria-label="Close the test chat" onClick={onClose}>
          ✕
        </button>
      </header>
      <div className="simulator-tools">
        <button
          type="button"
          className="button button-small"
          onClick={restart}
          disabled={state.phase === 'starting'}
          title="Start the conversation over with the current draft"
        >
          ↻ Restart
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => void session.fireTimer()}
          disabled={!state.timerPending}
          title={state.timerPending ? 'Act as if the customer did not answer in time' : 'No timer is waiting right now'}
        >
          ⏱ Fire timeout
        </button>
        {editor.readOnly ? null : <SaveAsTest state={state} />}
      </div>
      {revision !== startedAt.current && running ? (
        <button type="button" className="simulator-stale" onClick={restart}>
          The flow changed since this chat started. <u>Restart</u> to test the changes.
        </button>
      ) : null}
      {state.error ? (
        <p className="simulator-error" role="alert">
          {state.error}
        </p>
      ) : null}
      {state.reconnecting ? <p className="simulator-note">Connection lost, reconnecting…</p> : null}
      <div className="simulator-chat" ref={chat} data-testid="chat">
        {state.phase === 'starting' ? <p className="chat-note">Starting the conversation…</p> : null}
        {state.entries.map((entry) => (
          <ChatBubble key={entry.id} entry={entry} onChoose={choose} onOpenList={setList} />
        ))}
        {ENDED.has(state.status ?? '') ? <p className="chat-note">The conversation ended. Restart to chat again.</p> : null}
        {state.status === 'handoff' ? <p className="chat-note">Handed to a human agent. In the real inbox an agent replies now.</p> : null}
      </div>
      <form className="simulator-composer" onSubmit={send}>
        <label className={`attach-button${running ? '' : ' is-disabled'}`} title="Send a photo, voice note, video or document">
          📎
          <input
            type="file"
            aria-label="Attach a file"
            disabled={!running}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void session.sendFile(file);
            }}
          />
        </label>
        <input
          aria-label="Message"
          placeholder={running ? 'Type a message' : 'Waiting for the conversation…'}
          value={text}
          disabled={!running}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="send-button" aria-label="Send" disabled={!running || !text.trim()}>
          ➤
        </button>
      </form>
      <LiveVariables vars={state.vars} />
      {list ? <ListSheet menu={list} onChoose={choose} onClose={() => setList(undefined)} /> : null}
    </section>
  );
}

function statusLine(phase: string, status: string | undefined, nodeId: string | undefined): string {
  if (phase === 'starting') return 'starting…';
  if (phase === 'failed') return 'could not start';
  if (ENDED.has(status ?? '')) return 'conversation ended';
  if (status === 'handoff') return 'with a human agent';
  if (nodeId) return `at node ${nodeId}`;
  return 'runs your current draft';
}
