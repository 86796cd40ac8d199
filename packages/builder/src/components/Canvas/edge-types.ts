import type { EdgeTypes } from '@xyflow/react';
import { FlowEdge } from '../FlowEdge';

/** The one edge type the canvas draws with. */
export const FLOW_EDGE = 'flow';

/** A module-scope constant, so React Flow never sees a new object and never remounts edges. */
export const edgeTypes: EdgeTypes = { [FLOW_EDGE]: FlowEdge };
