import type { FromSchema } from 'json-schema-to-ts';
import type { flowSchema } from './flow-schema';

/** A flow document as stored and edited; validated by `flowSchema`. */
export type FlowDocument = FromSchema<typeof flowSchema>;
export type FlowNode = FlowDocument['nodes'][number];
export type FlowEdge = FlowDocument['edges'][number];
export type FlowVariable = NonNullable<FlowDocument['variables']>[number];
export type FlowTest = NonNullable<FlowDocument['tests']>[number];
export type FlowTestStep = FlowTest['steps'][number];
