/** The handoff domain's API: conversations handed to a person, their queue, and what an agent sees. */
export {
  claimConversation,
  conversationFor,
  conversationHeldBy,
  conversationTranscript,
  customerLastWroteAt,
  customerWroteDuringHandoff,
  handoffExpectation,
  inboxConversations,
  leaveHandoff,
  markWaitNoticeSent,
  recordAgentMessage,
  requestHandoff,
  requestWriteBack,
  requeueIdleClaims,
  resolveConversation,
  unclaimedTooLong,
  type HandoffExpectation,
  type HandoffRecord,
  type InboxViewer,
} from './conversations';
export { customerPanel, type CustomerPanel } from './customer-panel';
export { HELPDESK_JOB_KIND, type HelpdeskEvent, type HelpdeskEventType } from './helpdesk';
export { onHandoffEvent, publishHandoffEvent, type HandoffEvent, type HandoffSubscription } from './events';
