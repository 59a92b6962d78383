import type { DiscountProblem } from '../../core/discount';
import type { Message } from '../format';
import { cardBrandName, type Messages } from './en-US';
import { counted } from './grammar';

/** Italian. "Confezione" (feminine) carries the count, so no adjective has to agree with a product name. */

type Line = { name: string; quantity: number };

const LOCALE = 'it-IT';
const count = (quantity: number, name: string): string => `${counted(LOCALE, quantity, { one: 'confezione', other: 'confezioni' })} di ${name}`;
const lineList = (lines: Line[]): Message => (say) => say.list(lines.map((line) => say.count(line.quantity, line.name)));
const sayOrSend = (voice: boolean): string => (voice ? 'dimmi' : 'inviami');

// The order (l'ordine) is masculine: every participle here agrees with it.
const STATUS_WORDS: Record<string, string> = {
  pending: 'in fase di registrazione',
  placed: 'confermato',
  paid: 'pagato e in attesa di preparazione',
  packed: 'imballato e pronto per la spedizione',
  shipped: 'in viaggio',
  delivered: 'consegnato',
  cancelled: 'annullato',
  returned: 'reso',
  refunded: 'rimborsato',
  failed: 'non effettuato',
  awaiting_payment: 'in attesa di pagamento',
};

const DISCOUNT_PROBLEMS: Record<DiscountProblem, string> = {
  unknown: 'non è nostro',
  inactive: 'è stato ritirato',
  'not-yet-valid': 'non è ancora valido',
  expired: 'è scaduto',
  'below-minimum': 'richiede un carrello più grande',
  'no-eligible-items': 'non vale per nulla nel tuo carrello',
  'used-up': 'è esaurito',
};

export const itIT: Messages = {
  welcome: (sellerName, hasOrders) => () =>
    hasOrders
      ? `Ti diamo il bentornato da ${sellerName}. Puoi riordinare la tua spesa abituale, controllare un ordine o dirmi cosa ti serve.`
      : `Ti diamo il benvenuto da ${sellerName}. Dimmi cosa ti serve, per esempio "aggiungi due caffè colombiani", oppure chiedimi idee regalo.`,
  welcomeReprompt: () => () => 'Cosa vuoi fare?',
  help: () => (say) =>
    say.voice
      ? "Puoi chiedere un prodotto, metterlo nel carrello, completare l'acquisto, riordinare la spesa abituale, chiedere dov'è il tuo ordine o annullarlo. Cosa desideri?"
      : 'Puoi cercare ("mostrami il tè"), aggiungere articoli ("aggiungi 2 tè verde"), completare l\'acquisto, riordinare ("il solito"), chiedere "dov\'è il mio ordine", annullare un ordine, trovare un regalo o scrivere "operatore" per parlare con una persona.',
  goodbye: () => () => 'Arrivederci, e grazie per il tuo acquisto.',
  fallback: () => (say) =>
    say.voice
      ? "Scusa, non ho capito. Puoi dire per esempio aggiungi caffè, completa l'acquisto o dov'è il mio ordine."
      : 'Scusa, non ho capito. Prova con "aggiungi 2 tè verde", "cassa", "il solito" o "aiuto".',
  anythingElse: () => () => "Desideri altro?",

  searchResults: (names) => (say) => (say.voice ? `Ho trovato ${say.list(names)}. Quale preferisci?` : `Ecco cosa ho trovato: ${names.join(', ')}. Quale preferisci?`),
  didYouMean: (names) => (say) => `Intendevi ${say.list(names, 'or')}?`,
  whichProduct: () => () => 'Quale prodotto desideri?',
  notFound: (said) => () => `Scusa, non ho trovato "${said}" nel nostro catalogo.`,
  price: (name, priceMinor) => (say) => `${name} costa ${say.money(priceMinor)}.`,
  inStock: (name, stock) => () => (stock > 0 ? `Sì, ${name} è disponibile.` : `Scusa, ${name} al momento non è disponibile.`),
  description: (name, description) => () => `${name}: ${description}`,
  rating: (name, rating, reviews, summary) => () => `${name} ha una valutazione di ${rating} su 5 da ${reviews} ${reviews === 1 ? 'recensione' : 'recensioni'}. ${summary}`,
  noRating: (name) => () => `${name} non ha ancora recensioni.`,
  addIt: (name) => () => `Vuoi aggiungere ${name} al carrello?`,
  offerStockAlert: (name) => () => `Vuoi che ti avvisi quando ${name} torna disponibile?`,
  stockAlertSet: (name) => () => `Ti avviserò quando ${name} tornerà disponibile.`,
  alreadyInStock: (name) => () => `Buone notizie: ${name} adesso è disponibile.`,

  added: (quantity, name, cartTotalMinor) => (say) =>
    `Ho aggiunto ${say.count(quantity, name)}. Il carrello arriva a ${say.money(cartTotalMinor)}, tasse e consegna escluse. Desideri altro, o procedo con l'acquisto?`,
  removed: (name) => () => `Ho tolto ${name} dal carrello.`,
  notInCart: (name) => () => `${name} non è nel tuo carrello.`,
  cartEmpty: () => () => 'Il tuo carrello è vuoto.',
  cartContents: (lines, subtotalMinor) => (say) => `Nel carrello hai ${lineList(lines)(say)}, ${say.money(subtotalMinor)} tasse e consegna escluse. Procedo con l'acquisto?`,
  onlyInStock: (name, available) => () => (available > 0 ? `Scusa, di ${name} ne restano solo ${available}.` : `Scusa, ${name} al momento non è disponibile.`),
  repriced: (changes) => (say) => changes.map((change) => `${change.name} ora costa ${say.money(change.toMinor)}; al momento dell'aggiunta al carrello costava ${say.money(change.fromMinor)}.`).join(' '),

  readBack: (p) => (say) => {
    const items = say.list(p.lines.map((line) => `${say.count(line.quantity, line.name)} a ${say.money(line.unitPriceMinor)}${line.quantity > 1 ? " l'una" : ''}`));
    const fees = p.deliveryFeeMinor > 0 ? `${say.money(p.taxMinor)} di tasse e ${say.money(p.deliveryFeeMinor)} di consegna` : `${say.money(p.taxMinor)} di tasse e la consegna gratuita`;
    const code = p.codeRequired ? ' Dopo la conferma ti chiederò il codice vocale.' : '';
    const payment = p.payment.kind === 'card' ? ` Addebiterò sulla tua ${cardBrandName(p.payment.card.brand) ?? 'carta'} che termina con ${p.payment.card.last4}.` : p.payment.kind === 'link' ? ' Ti invierò un link per pagare.' : ' Paghi alla consegna.';
    const discount = p.discount ? ` Con il codice sconto ${p.discount.code}, ${say.money(p.discount.amountMinor)} in meno.` : '';
    return `Il tuo ordine da ${p.sellerName}: ${items}, consegna a ${p.deliveryTo}.${discount} Il totale è ${say.money(p.totalMinor)}, compresi ${fees}.${payment}${code} Confermo l'ordine?`;
  },
  confirmReprompt: () => () => "Confermo l'ordine? Rispondi sì o no.",
  askVoiceCode: () => (say) => `Per favore, ${sayOrSend(say.voice)} il tuo codice vocale di quattro cifre.`,
  voiceCodeWrong: (attemptsLeft) => (say) =>
    `Il codice non è corretto. ${attemptsLeft === 1 ? 'Ti resta 1 tentativo' : `Ti restano ${attemptsLeft} tentativi`}. Per favore, ${sayOrSend(say.voice)} il tuo codice vocale.`,
  orderPlaced: (p) => (say) =>
    `Fatto. Il numero del tuo ordine è ${say.orderNumber(p.orderNumber)}, totale ${say.money(p.totalMinor)}. ${p.receiptEmailed ? 'Ti abbiamo inviato la ricevuta per email, e puoi' : 'Puoi'} annullarlo entro ${counted(LOCALE, p.windowMinutes, { one: 'minuto', other: 'minuti' })}.`,
  orderPayment: (p) => (say) => {
    if (p.kind === 'charged') return `Ho addebitato sulla tua ${cardBrandName(p.card.brand) ?? 'carta'} che termina con ${p.card.last4}.`;
    if (p.kind === 'in-progress') return 'Il pagamento è in corso.';
    const why = p.why === 'declined' ? 'La tua carta è stata rifiutata. ' : p.why === 'authentication' ? 'La tua banca chiede di confermare questo pagamento. ' : '';
    const where = p.sentToPhone || say.voice ? 'Ti ho inviato un link per pagare' : `Paga qui: ${p.url}`;
    return `${why}${where}. Tengo da parte gli articoli per ${p.holdMinutes} minuti.`;
  },
  refundStarted: (amountMinor) => (say) => `Il rimborso di ${say.money(amountMinor)} è in arrivo sulla tua carta.`,
  cardSetupLink: (url) => () => `Aggiungi la tua carta sulla pagina sicura di Stripe: ${url}`,
  addCardByChat: () => () => 'Per aggiungere una carta, scrivi "aggiungi una carta" nella nostra chat.',
  cardSetupLinkSent: () => () => 'Ti sto inviando per messaggio un link per aggiungere la tua carta sulla pagina sicura di Stripe. Se non arriva, scrivi "aggiungi una carta" nella nostra chat.',
  cardSetupLinkAlreadySent: () => () => 'Un link per aggiungere la carta è già in arrivo. Se non arriva, scrivi "aggiungi una carta" nella nostra chat.',
  cardSetupPageLimit: () => () => "Oggi hai già chiesto diverse pagine per la carta, quindi per ora non ne apro un'altra. Usa l'ultimo link che ti ho dato o riprova domani.",
  cardSetupLinkLimit: () => () => 'Oggi hai già chiesto più volte il link per la carta, quindi per ora non ne invio un altro. Per aggiungere una carta, scrivi "aggiungi una carta" nella nostra chat.',
  savedCard: (card) => () => `La carta salvata è la ${cardBrandName(card.brand) ?? 'carta'} che termina con ${card.last4}.`,
  noCardSaved: () => () => 'Non hai nessuna carta salvata.',
  cardRemoved: (card) => () => `Ho rimosso la tua ${cardBrandName(card.brand) ?? 'carta'} che termina con ${card.last4}.`,
  noCardNeeded: () => () => 'Si paga alla consegna, quindi non serve una carta.',
  checkoutCancelled: (why) => () => (why === 'changed-subject' ? "D'accordo, non ho confermato quell'ordine; il carrello è salvato." : "D'accordo, non ho confermato l'ordine. Il carrello resta salvato per dopo."),
  basketChanged: () => () => "Il carrello è cambiato da quando ti ho letto l'ordine, quindi eccolo di nuovo.",

  // Discount codes
  discountApplied: (p) => (say) => `Il codice sconto ${p.code} toglie ${say.money(p.amountMinor)}. Il totale del carrello ora è ${say.money(p.totalMinor)}.`,
  discountRefused: (code, problem) => () => `Mi dispiace, il codice ${code} ${DISCOUNT_PROBLEMS[problem]}.`,
  discountNoLongerApplies: (code, problem) => () => `Il codice sconto ${code} non vale più: ${DISCOUNT_PROBLEMS[problem]}, quindi l'ho tolto.`,
  whichDiscountCode: () => () => 'Quale codice sconto vuoi usare?',

  reorderSummary: (p) => (say) => {
    const items = say.list(p.lines.map((line) => say.count(line.quantity, line.name)));
    const notes = p.lines
      .map((line) => {
        if (line.status === 'out-of-stock' || line.status === 'unavailable') return `${line.name} al momento non è disponibile.`;
        if (line.status === 'short') return `Di ${line.name} ne restano solo ${line.availableQuantity}.`;
        if (line.status === 'repriced') return `${line.name} ora costa ${say.money(line.priceNowMinor!)}; avevi pagato ${say.money(line.pricePaidMinor)}.`;
        return '';
      })
      .filter(Boolean)
      .join(' ');
    return `Il tuo ordine ${say.orderNumber(p.orderNumber)} di ${say.date(p.placedAt)} conteneva ${items}.${notes ? ` ${notes}` : ''} Metto nel carrello quello che è disponibile, ai prezzi di oggi, e procedo con l'acquisto?`;
  },
  reorderNothingAvailable: () => () => "Nessun articolo di quell'ordine è disponibile adesso, quindi non c'è niente da riordinare.",
  noPastOrders: () => () => 'Non ho trovato un ordine precedente da ripetere.',

  orderStatus: (p) => (say) => {
    const base = `L'ordine ${say.orderNumber(p.orderNumber)}${p.placedAt ? ` di ${say.date(p.placedAt)}` : ''} è ${STATUS_WORDS[p.status] ?? p.status}.`;
    const tracking = p.status === 'shipped' && p.tracking?.number ? ` Il numero di tracciamento${p.tracking.carrier ? ` ${p.tracking.carrier}` : ''} è ${p.tracking.number}.` : '';
    const cancel = p.cancellableUntil && p.cancellableUntil > p.now && (p.status === 'placed' || p.status === 'paid') ? ` Puoi ancora annullarlo fino alle ${say.time(p.cancellableUntil)}.` : '';
    return base + tracking + cancel;
  },
  noOrders: () => () => 'Non hai ancora nessun ordine.',
  confirmCancel: (orderNumber, totalMinor) => (say) => `Annullo l'ordine ${say.orderNumber(orderNumber)} da ${say.money(totalMinor)}?`,
  orderCancelled: (orderNumber) => (say) => `L'ordine ${say.orderNumber(orderNumber)} è annullato. Non ti verrà addebitato nulla.`,
  keptOrder: () => () => "D'accordo, ho lasciato l'ordine com'era.",
  noOrderToCancel: () => () => 'Non hai ordini che si possano ancora annullare.',

  setCodeByText: () => () => "Per sicurezza, imposta il codice vocale con un messaggio di testo o nell'app, non a voce.",
  askNewCode: () => () => 'Inviami le quattro cifre che vuoi usare come codice vocale.',
  codeSet: () => () => 'Il codice vocale è impostato. Te lo chiederò quando ordini a voce.',
  codeMalformed: () => () => 'Il codice vocale è di quattro cifre esatte. Inviami quattro cifre.',
  optedOut: () => () => 'Non riceverai più messaggi promozionali. Continueremo a inviarti aggiornamenti sugli ordini che fai.',
  // Keyword sign-up (double opt-in on SMS): the ask is the consent wording, stored with the opt-in.
  signupAsk: (brand) => `${brand}: rispondi YES per ricevere offerte e notizie sugli eventi via SMS, fino a 4 al mese. Possono essere applicati costi di messaggi e dati. Rispondi STOP in qualsiasi momento per smettere.`,
  signupAskHere: (brand) => `${brand}: rispondi YES per ricevere qui offerte e notizie sugli eventi, fino a 4 al mese. Rispondi STOP in qualsiasi momento per smettere.`,
  signupConfirmed: (brand) => `Fatto: ${brand} ti invierà offerte e notizie sugli eventi. Rispondi STOP in qualsiasi momento per smettere.`,
  signupDeclined: () => () => 'Va bene, non riceverai offerte da noi.',
  remindCartAsk: (hours) => () => `Vuoi che ti ricordi il tuo carrello qui tra ${hours} ore?`,
  remindCartSet: (hours) => () => `D'accordo, ti ricorderò il tuo carrello qui tra circa ${hours} ore.`,
  npsThanks: () => () => 'Grazie per la tua risposta!',
  npsAskWhy: () => () => 'Grazie per avercelo detto. Cosa avremmo potuto fare meglio?',
  npsCommentThanks: () => () => 'Grazie, ci aiuterà a migliorare.',
  offersAsk: (brand) => `Vuoi ricevere anche qui le offerte e le novità di ${brand}, fino a 4 al mese? Rispondi YES o NO. Puoi rispondere STOP in qualsiasi momento.`,
  eventCityAsk: () => () => 'Di quale città vuoi conoscere gli eventi? Rispondi con il numero o il nome.',
  eventCityUnknown: () => () => 'Scusa, non conosco questa città. Quale? Rispondi con il numero o il nome.',
  eventCityStillUnknown: (keyword) => () => `Scusa, non trovo ancora questa città. Scrivi ${keyword} di nuovo quando vuoi.`,
  eventsLater: (keyword) => () => `Va bene. Scrivi ${keyword} di nuovo quando vuoi.`,
  noEvents: () => () => 'Al momento non ci sono eventi in programma. Riprova presto.',
  eventDetails: (city, event) => (say) => `${city}: ${event.name}, ${say.date(event.day)}${event.time ? ` alle ${say.wallTime(event.time)}` : ''}, ${event.venue}. ${event.link}`,
  optedIn: () => (say) =>
    say.voice
      ? 'Grazie! Riceverai offerte e novità. Per disiscriverti, di\' smetti di mandarmi offerte in qualsiasi momento.'
      : 'Grazie! Riceverai offerte e novità. Rispondi STOP in qualsiasi momento per disiscriverti.',
  messagesStopped: () => (say) =>
    say.voice
      ? 'Va bene, non ti invieremo più messaggi né notifiche, nemmeno sugli ordini.'
      : 'Va bene, non ti invieremo più messaggi, nemmeno sugli ordini. Invia START qui per ricevere di nuovo gli aggiornamenti sugli ordini.',
  messagesStoppedHere: () => () => 'Disiscrizione fatta: nessun messaggio da parte nostra qui, nemmeno sugli ordini. Invia START per ricevere di nuovo gli aggiornamenti sugli ordini.',
  messagesResumed: () => () => 'Riceverai di nuovo gli aggiornamenti sui tuoi ordini. Le offerte restano disattivate, a meno che tu non le chieda. Invia STOP in qualsiasi momento per smettere.',
  linkAccount: () => (say) =>
    say.voice
      ? "Per collegare il tuo account, apri l'app Alexa e scegli collega account nella nostra skill."
      : 'Per usare lo stesso account ovunque, scrivi "collega il mio account" sull\'altro canale per ricevere un codice, poi invialo qui.',
  linkCodeIssued: (code, minutes) => (say) => {
    const digits = code.replace(/\s/g, '').split('').join(' ');
    return say.voice
      ? `Il tuo codice di collegamento è ${digits}. Ripeto: ${digits}. Entro ${minutes} minuti, invia la parola collega e questo codice dall'altro canale.`
      : `Il tuo codice di collegamento è ${code}. Entro ${minutes} minuti, invia "collega ${code}" dall'altro canale, oppure inseriscilo quando l'app Alexa ti chiede di accedere. Funziona una sola volta.`;
  },
  linkCodeTexted: (lastDigits, minutes) => () => `Ho inviato un codice di collegamento via SMS al numero che finisce con ${lastDigits}. Rispondi a quel messaggio con la parola collega e il codice entro ${minutes} minuti.`,
  linkCodeSms: (code, sellerName, minutes) => () => `${sellerName}: il tuo codice di collegamento è ${code}. Rispondi "collega ${code}" entro ${minutes} minuti per usare questo numero con il tuo account. Non l'hai chiesto tu? Ignora questo messaggio.`,
  linkCodeMalformed: () => () => 'Il codice di collegamento ha dodici cifre, per esempio "collega 4821 9073 1640". Invialo di nuovo, per favore.',
  accountLinked: () => () => 'Fatto: questo canale è ora collegato al tuo account. Anche il carrello e gli ordini sono qui.',
  alreadyLinked: () => () => 'Questo canale è già collegato al tuo account.',
  confirmLinkHere: (otherChannel) => (say) =>
    `Questo codice di collegamento è stato richiesto su ${otherChannel}. Collegando, la conversazione su ${otherChannel} userà il tuo account di qui, con l'indirizzo e i dati di pagamento salvati. Solo se hai chiesto tu il codice, ${say.voice ? 'di\' sì' : 'rispondi SÌ'}. Altrimenti ${say.voice ? 'di\' no' : 'rispondi NO'}.`,
  confirmLinkThere: (otherChannel) => (say) =>
    `Il tuo codice di collegamento è appena stato usato su ${otherChannel}. Collegando, la conversazione su ${otherChannel} userà il tuo account, con l'indirizzo e i dati di pagamento salvati. Solo se la richiesta è tua, ${say.voice ? 'di\' sì' : 'rispondi SÌ'}. Altrimenti ${say.voice ? 'di\' no' : 'rispondi NO'}.`,
  linkAwaitsConfirmation: (confirmOn) => () =>
    `Quasi fatto. Per proteggere il tuo account, conferma su ${confirmOn}, dove hai chiesto il codice: di' o scrivi "collega il mio account" lì entro 10 minuti e rispondi sì.`,
  linkDeclined: () => () => "D'accordo, nessun collegamento. Non è cambiato niente.",
  linkConfirmationExpired: () => () => 'Quella richiesta di collegamento è scaduta, quindi non è stato collegato niente. Chiedi un nuovo codice con "collega il mio account".',
  handoff: (waitMinutes: number) => () => `Ti passo a una persona del nostro team; di solito risponde qui entro circa ${waitMinutes} minuti. Scrivi menu per tornare da me.`,
  handoffByVoice: () => () => "Da qui non posso passarti a una persona, ma se ci scrivi per messaggio o nell'app, ti risponderà qualcuno del nostro team.",
  handoffEnded: () => () => "Sei di nuovo con l'assistente per gli acquisti. Come posso aiutarti?",
  handoffAfterHours: (opensAt: string, timeZone: string) => () =>
    `Il nostro team ora non è disponibile e risponde dalle ${opensAt} (ora di ${timeZone}). Ho inoltrato il tuo messaggio e a quell'ora una persona ti scriverà qui. Nel frattempo scrivi menu per continuare con me.`,
  handoffWriteBack: (channel: string, waitMinutes: number) => () => `Ho chiesto a una persona del nostro team di scriverti su ${channel}, di solito entro circa ${waitMinutes} minuti. Posso fare altro per te?`,
  handoffWriteBackAfterHours: (channel: string, opensAt: string, timeZone: string) => () =>
    `Il nostro team ora non è disponibile. Ho chiesto che ti scrivano su ${channel} dalle ${opensAt} (ora di ${timeZone}). Posso fare altro per te?`,
  handoffStillWaiting: () => () => 'Mi dispiace, nessuno del nostro team ha ancora preso in carico la richiesta. Puoi continuare ad aspettare e qualcuno ti risponderà qui, oppure scrivi menu per continuare con me.',
  handoffWelcomeBack: () => () => "Grazie per aver parlato con il nostro team. Sei di nuovo con l'assistente per gli acquisti.",

  giftAskAge: () => () => 'Ti aiuto volentieri a trovare un regalo. Quanti anni ha la persona?',
  giftAskBudget: () => () => 'Qual è il tuo budget?',
  giftAskCategory: (categories) => (say) => `Un tipo di regalo in particolare? Per esempio ${say.list(categories, 'or')}. Oppure di' qualsiasi.`,
  giftIdeas: (ideas) => (say) => `Ecco ${ideas.length} idee: ${say.list(ideas.map((idea) => `${idea.name} a ${say.money(idea.priceMinor)}`))}. Vuoi aggiungerne una?`,
  giftNone: () => () => 'Non ho trovato un regalo adatto. Prova con un budget più alto o con qualsiasi categoria.',

  progress: { placingOrder: "Un momento, sto inviando l'ordine." },

  labels: {
    yes: 'Sì',
    no: 'No',
    checkout: 'Cassa',
    viewCart: 'Vedi carrello',
    reorderUsual: 'Il solito',
    orderStatus: 'Stato ordine',
    giftIdeas: 'Idee regalo',
    help: 'Aiuto',
    add: (name) => `Aggiungi ${name}`,
    stockAlert: 'Avvisami quando torna',
    outOfStock: 'esaurito',
    payNow: 'Paga ora',
    addCard: 'Aggiungi carta',
  },

  errors: {
    VALIDATION_FAILED: 'Scusa, non è stato possibile usarlo. Riprova.',
    MALFORMED_BODY: 'Scusa, non è stato possibile leggere il messaggio.',
    BODY_TOO_LARGE: 'Il messaggio è troppo lungo.',
    UNSUPPORTED_MEDIA_TYPE: 'Scusa, non è stato possibile leggere il messaggio.',
    UNAUTHENTICATED: 'Prima accedi, per favore.',
    FORBIDDEN: 'Scusa, non è consentito.',
    NOT_FOUND: 'Scusa, non l\'ho trovato.',
    CONFLICT: 'È appena cambiato qualcosa. Riprova.',
    DATABASE_UNAVAILABLE: 'Scusa, ho un problema in questo momento. Riprova tra poco.',
    INTERNAL: 'Scusa, qualcosa è andato storto da parte nostra. Riprova tra poco.',
    PRODUCT_NOT_FOUND: 'Scusa, non ho trovato quel prodotto.',
    OUT_OF_STOCK: 'Scusa, alcuni articoli non sono disponibili.',
    CART_EMPTY: 'Il carrello è vuoto. Prima dimmi cosa desideri.',
    RESTRICTED_BY_VOICE: 'Scusa, questo articolo non si può ordinare a voce.',
    AGE_VERIFICATION_REQUIRED: "Per questo articolo serve una verifica dell'età prima dell'ordine. Verifica la tua età nell'app.",
    ORDER_LIMIT_EXCEEDED: "L'ordine supera il limite per un singolo ordine. Togli qualcosa e riprova.",
    DAILY_LIMIT_EXCEEDED: 'Supereresti il limite di spesa di oggi, quindi non posso confermarlo.',
    VOICE_CODE_NOT_SET: "Questo ordine richiede un codice vocale, e non ne hai ancora impostato uno. Puoi impostarlo con un messaggio di testo o nell'app.",
    VOICE_CODE_WRONG: 'Il codice non è corretto.',
    VOICE_CODE_LOCKED: "Il codice vocale è stato sbagliato tre volte, quindi l'ho disattivato per proteggere il tuo account. L'ordine non è stato effettuato. Per impostare un nuovo codice, scrivici IMPOSTA CODICE VOCALE o usa l'app.",
    CONFIRMATION_STALE: "Il carrello è cambiato, quindi ti rileggo l'ordine.",
    NO_ADDRESS: "Mi serve prima un indirizzo di consegna. Aggiungine uno nell'app.",
    ORDER_NOT_FOUND: "Non ho trovato quell'ordine.",
    CANCEL_WINDOW_CLOSED: "Quell'ordine non si può più annullare: il tempo per annullarlo è scaduto o è già in preparazione. Scrivi operatore per parlare con una persona di un reso.",
    INVALID_STATUS_CHANGE: "Quell'ordine non può cambiare in questo modo.",
    ACCOUNT_NOT_LINKED: "Per ordinare, collega il tuo account: apri l'app Alexa, trova la nostra skill e scegli collega account. Ti ho inviato una scheda per aiutarti.",
    REQUEST_NOT_VERIFIED: 'Scusa, non è stato possibile verificare la richiesta.',
    LINK_CODE_WRONG: 'Il codice di collegamento non è corretto. Controlla le cifre e riprova.',
    LINK_CODE_LOCKED: 'Il codice di collegamento è stato provato troppe volte e non funziona più. Di\' o scrivi "collega il mio account" sull\'altro canale per averne uno nuovo.',
    LINK_CODE_EXPIRED: 'Il codice di collegamento è scaduto. Di\' o scrivi "collega il mio account" sull\'altro canale per averne uno nuovo.',
    LINK_CODE_USED: 'Il codice di collegamento è già stato usato. Di\' o scrivi "collega il mio account" sull\'altro canale per averne uno nuovo.',
    LINK_CODE_THROTTLED: "Da qui sono stati provati troppi codici. Aspetta un'ora e riprova.",
    WEBCHAT_SESSIONS_THROTTLED: "Da qui sono state aperte troppe chat. Aspetta un'ora e riprova.",
    LINK_CODE_UNAVAILABLE: 'Adesso non riesco a creare un codice di collegamento. Riprova tra qualche minuto.',
    DISCOUNT_NOT_APPLICABLE: 'Mi dispiace, quel codice sconto non è valido.',
    ORDER_IN_PROGRESS: "Sto ancora inviando quell'ordine. Chiedimelo di nuovo tra un momento.",
    VOICE_CODE_REQUIRED: "Questo ordine richiede il tuo codice vocale. Dillo o scrivilo per confermare.",
    SIGN_IN_THROTTLED: "Troppi tentativi di accesso. Attendi qualche minuto e riprova.",
    CAMPAIGN_TEST_THROTTLED: "Troppi invii di prova di questa campagna in quest'ora. Riprova nell'ora successiva.",
    AGENT_REPLY_REFUSED: "Questo messaggio non può essere inviato su questo canale in questo momento.",
    PAYMENT_UNAVAILABLE: 'Mi dispiace, non riesco a raggiungere il servizio di pagamento: non è stato addebitato nulla e nessun ordine è stato effettuato. Riprova tra qualche minuto.',
    REFUND_NOT_ALLOWED: 'Mi dispiace, non posso rimborsare questo importo.',
  },

  count,
  languageSwitched: () => () => "D'accordo, da ora parlo italiano.",

  carrierHelp: (sellerName) => `${sellerName}: fai la spesa e segui gli ordini via SMS, per esempio "mostrami il caffè" o "dov'è il mio ordine". Rispondi STOP o BASTA per non ricevere più messaggi.`,

  numberedChoices: {
    inline: (options) => `Rispondi ${options.join(', ')}.`,
    option: (digit, label) => `${digit} per ${label}`,
    more: (count) => `+${count}: scrivi cosa desideri`,
  },

  notifications: {
    orderUpdate: (status, orderNumber) =>
      ({
        paid: `il tuo ordine ${orderNumber} è pagato e lo stiamo preparando.`,
        shipped: `il tuo ordine ${orderNumber} è in viaggio.`,
        delivered: `il tuo ordine ${orderNumber} è stato consegnato.`,
        cancelled: `il tuo ordine ${orderNumber} è stato annullato.`,
        returned: `abbiamo ricevuto il reso del tuo ordine ${orderNumber}.`,
        refunded: `il tuo ordine ${orderNumber} è stato rimborsato.`,
      })[status] ?? `il tuo ordine ${orderNumber} è ${STATUS_WORDS[status] ?? status}.`,
    status: (status) => STATUS_WORDS[status] ?? status,
    tracking: (carrierAndNumber) => `Tracciamento: ${carrierAndNumber}`,
    backInStock: (sellerName, productName) => `${sellerName}: buone notizie, ${productName} è di nuovo disponibile. Rispondi per ordinare.`,
    marketingOptOut: (link) => (link ? `Rispondi STOP o tocca ${link} per non ricevere più offerte.` : 'Rispondi STOP per non ricevere più offerte.'),
    marketingEmailWhy: (brand) => `Ricevi questa e-mail perché hai chiesto a ${brand} di ricevere offerte via e-mail.`,
    marketingEmailUnsubscribe: () => 'Annulla iscrizione',
    cartReminder: (items) => `Hai lasciato ${items} nel carrello. Rispondi CHECKOUT per ordinare, qui o su qualsiasi canale.`,
    npsQuestion: (sellerName) => `Da 0 a 10, quanto è probabile che consigli ${sellerName} a un amico? Rispondi con un numero.`,
    birthday: (code) => (code ? `Buon compleanno! Un regalo da parte nostra: usa il codice ${code} sul tuo prossimo ordine.` : 'Buon compleanno! Ti auguriamo una splendida giornata.'),
    payHere: (orderNumber, url) => `per completare l'ordine ${orderNumber}, paga qui: ${url}`,
    addCardHere: (url) => `aggiungi la tua carta sulla pagina sicura di Stripe: ${url}`,
  },

  receipt: {
    subject: (sellerName, orderNumber) => `La ricevuta di ${sellerName} per l'ordine ${orderNumber}`,
    greeting: (name) => (name ? `Ciao ${name},` : 'Ciao,'),
    thanks: (orderNumber, sellerName) => `Grazie per il tuo ordine ${orderNumber} da ${sellerName}.`,
    subtotal: 'Subtotale',
    tax: 'Imposte',
    delivery: 'Consegna',
    total: 'Totale',
    cancelUntil: (until) => `Puoi annullare l'ordine fino a ${until} dicendo o scrivendo "annulla il mio ordine".`,
    soldBy: (sellerName) => `Venduto da ${sellerName}.`,
  },

  signIn: {
    title: (sellerName) => `Collega il tuo account ${sellerName}`,
    heading: (sellerName) => `Collega il tuo account ${sellerName} ad Alexa`,
    help: 'Nel nostro WhatsApp, Messenger, SMS o nella chat del sito, invia <strong>collega il mio account</strong>. Ti rispondiamo con un codice di collegamento di dodici cifre, valido per 10 minuti. Inseriscilo qui.',
    codeLabel: 'Codice di collegamento',
    submit: 'Collega account',
    cancel: 'Annulla',
    expiredTitle: 'Link scaduto',
    expiredHeading: 'Questo link di accesso è scaduto',
    expiredHelp: "Ricomincia il collegamento dell'account dall'app Alexa.",
    malformed: 'Il codice di collegamento ha dodici cifre. Controllalo e riprova.',
  },
};
