/** The customers domain's API: the only way other folders reach customers/. */
export { changeSpendingLimits, identifyCustomer, joinChannelAlias } from './customer-service';
export { answerLinkConfirmation, finishInterruptedMerges, issueLinkCode, linkByAccessToken, mergeCustomers, pendingLinkConfirmation, queueLinkCodeSms, redeemLinkCode, signInWithLinkCode, type LinkCodeRefusal } from './linking-service';
export { consentGiven, consentRefused, importEmailMarketingChoice, markOffersAsked, mayMessage, recordChannelSubscription, recordConsentRequest, recordMarketingChoice } from './consent-service';
export { changeCustomerInterests, type InterestChange } from './interests';
// A date of birth staff verified (admin API): age checks read it, birthday messages find it by its MM-DD key.
export { setBirthDate } from '../../store/customer-store';
