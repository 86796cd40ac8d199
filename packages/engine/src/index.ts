export { messageText } from './compile/apply-update';
export { type CompiledFlow, compileFlow } from './compile/compile-flow';
export { customNodeTypes } from './custom/custom-node-types';
export { defineServerNodeType, runsOnServer } from './custom/define-server-node-type';
export { defaultRegistry } from './default-registry';
export {
  type AnyNodeType,
  type CheckContext,
  type CheckFinding,
  type CompileContext,
  defineNodeType,
  type Exit,
  type NodeAction,
  type NodeActor,
  type NodeCategory,
  type NodeEvent,
  type NodeGuard,
  type NodeState,
  type NodeTypeDefinition,
  type NodeUpdate,
} from './define-node-type';
export type { FlowDocument, FlowEdge, FlowNode, FlowTest, FlowTestStep, FlowVariable } from './flow-document';
export { flowSchema } from './flow-schema';
export { describeStep, type FlowTestFailure, type FlowTestResult, runFlowTests } from './flow-tests/run-flow-tests';
export { builtinNodeTypes } from './nodes/builtin-node-types';
export type { TemplateItem } from './nodes/message/template-item';
export { createRegistry, type Registry } from './registry';
export type { Contact, ConversationContext, HistoryEntry, NodeScratch } from './runtime/conversation-context';
export {
  ConversationError,
  type ConversationRuntime,
  type ConversationSnapshot,
  createRuntime,
  type StartOptions,
  type StepResult,
} from './runtime/conversation-runtime';
export type { Effect, EffectType, OrderDraft } from './runtime/effect';
export type { EngineEvent } from './runtime/engine-event';
export { type Expression, ExpressionError, evaluateExpression, expressionVariables, parseExpression } from './runtime/expression';
export { matchOption, normalizeText } from './runtime/match-option';
export { isMediaFile, type MediaFile } from './runtime/media-file';
export type { MenuOption, OutboundMessage, TemplateButton, TemplateHeader } from './runtime/outbound-message';
export type {
  AiFact,
  AiMedia,
  AiMessage,
  AiPort,
  AiRequest,
  AiResult,
  AiTool,
  AiToolCall,
  AiToolName,
  AiToolResult,
  CatalogPort,
  ContactProfile,
  HandlerPort,
  HandlerRequest,
  HandlerResult,
  HandlerServices,
  HttpPart,
  HttpPort,
  HttpRequest,
  HttpResponse,
  NodeHandler,
  Ports,
  Product,
  ProductQuery,
  TurnPorts,
} from './runtime/ports';
export { isSecretPath, SECRET_NAME, SECRET_PLACEHOLDER, SECRETS_ROOT } from './runtime/secret-placeholder';
export { interpolate, templateVariables } from './runtime/template';
export { type OrderItemInput, type UserMessage, userMessageText } from './runtime/user-message';
export { type OutsideWindowCause, outsideWindowNodes } from './validation/outside-window';
export { FlowValidationError, formatProblem, type Problem } from './validation/problem';
export { type SyncedTemplate, type TemplateShape, templateShape, templateUseProblems } from './validation/template-uses';
export { type FlowCheck, validateFlow } from './validation/validate-flow';
