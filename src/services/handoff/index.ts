/** The handoff domain's API: conversations handed to a person, their queue, and what an agent sees. */
export {
  claimConversation,
  conversationFor,
  conversationHeldBy,
  conversationTranscript,
  handoffExpectation,
  inboxConversations,
  leaveHandoff,
  recordAgentMessage,
  requestHandoff,
  requestWriteBack,
  resolveConversation,
  type HandoffExpectation,
  type HandoffRecord,
  type InboxViewer,
} from './conversations';
export { customerPanel, type CustomerPanel } from './customer-panel';
export { onHandoffEvent, publishHandoffEvent, type HandoffEvent } from './events';
