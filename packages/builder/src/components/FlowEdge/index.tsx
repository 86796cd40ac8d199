import { formatProblem } from '@chatflow/engine';
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getSmoothStepPath } from '@xyflow/react';
import { memo } from 'react';
import { useEdgeProblems } from '../../hooks/use-edge-problems';
import { useExitShare } from '../../hooks/use-exit-share';
import './style.css';

/**
 * An edge on the canvas, drawn thicker the more conversations took it while the traffic view is on. One with problems (it leaves an exit its node no longer has, it shares
 * its exit with another edge) is drawn in the error colour with its first problem as a label;
 * hovering the label gives all of them.
 */
function FlowEdgeView({
  id,
  source,
  sourceHandleId,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  markerEnd,
  interactionWidth,
  selected,
}: EdgeProps) {
  const problems = useEdgeProblems(id);
  // With the traffic view on, an edge is as thick as its share of the busiest exit's conversations.
  const share = useExitShare(source, sourceHandleId ?? 'next');
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const first = problems[0];
  const isError = first?.severity === 'error';
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={interactionWidth}
        className={first ? `flow-edge-path is-${first.severity}` : `flow-edge-path${share === undefined ? '' : ' is-traffic'}`}
        {...(share === undefined ? {} : { style: { strokeWidth: 1.5 + 8 * share } })}
      />
      {first ? (
        <EdgeLabelRenderer>
          <div
            className={`flow-edge-problem is-${first.severity}${selected ? ' is-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={problems.map(formatProblem).join('\n')}
            data-testid={`edge-problem-${id}`}
          >
            {isError ? '⛔' : '⚠️'} {first.message}
            {problems.length > 1 ? ` (+${problems.length - 1})` : ''}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const FlowEdge = memo(FlowEdgeView);
