import type { DiscountProblem } from '../../core/discount';
import type { Message } from '../format';
import { cardBrandName, type Messages } from './en-US';
import { counted, pluralForm } from './grammar';

/**
 * Romanian. From 20 on a count takes "de" before its noun (19 bucăți, 20 de bucăți), which the CLDR
 * "other" form carries. "Comanda" is feminine: the participles about it agree ("plasată", "anulată").
 */

type Line = { name: string; quantity: number };

const LOCALE = 'ro-RO';
const pieces = (quantity: number): string => counted(LOCALE, quantity, { one: 'bucată', few: 'bucăți', other: 'de bucăți' });
const count = (quantity: number, name: string): string => `${pieces(quantity)} de ${name}`;
const lineList = (lines: Line[]): Message => (say) => say.list(lines.map((line) => say.count(line.quantity, line.name)));
const minutes = (n: number): string => counted(LOCALE, n, { one: 'minut', few: 'minute', other: 'de minute' });

const STATUS_WORDS: Record<string, string> = {
  pending: 'în curs de plasare',
  placed: 'plasată',
  paid: 'plătită și așteaptă să fie pregătită',
  packed: 'ambalată și gata de expediere',
  shipped: 'pe drum',
  delivered: 'livrată',
  cancelled: 'anulată',
  returned: 'returnată',
  refunded: 'rambursată',
  failed: 'neplasată',
  awaiting_payment: 'în așteptarea plății',
};

const DISCOUNT_PROBLEMS: Record<DiscountProblem, string> = {
  unknown: 'nu este al nostru',
  inactive: 'a fost retras',
  'not-yet-valid': 'nu este încă valabil',
  expired: 'a expirat',
  'below-minimum': 'cere un coș mai mare',
  'no-eligible-items': 'nu se aplică la nimic din coșul tău',
  'used-up': 'a fost epuizat',
};

export const roRO: Messages = {
  welcome: (sellerName, hasOrders) => () =>
    hasOrders
      ? `Bine ai revenit la ${sellerName}. Poți comanda din nou ce iei de obicei, poți verifica o comandă sau îmi poți spune de ce ai nevoie.`
      : `Bine ai venit la ${sellerName}. Spune-mi de ce ai nevoie, de exemplu „adaugă două cafele columbiene”, sau cere-mi idei de cadouri.`,
  welcomeReprompt: () => () => 'Ce vrei să faci?',
  help: () => (say) =>
    say.voice
      ? 'Poți cere un produs, îl poți pune în coș, poți finaliza comanda, poți comanda din nou ce iei de obicei, poți întreba unde este comanda ta sau o poți anula. Ce dorești?'
      : 'Poți căuta („arată-mi ceai”), adăuga produse („adaugă 2 ceai verde”), finaliza comanda, comanda din nou („ca de obicei”), întreba „unde este comanda mea”, anula o comandă, găsi un cadou sau scrie „operator” ca să vorbești cu un om.',
  goodbye: () => () => 'La revedere și mulțumim pentru cumpărături.',
  fallback: () => (say) =>
    say.voice ? 'Scuze, nu am înțeles. Poți spune de exemplu adaugă cafea, finalizează comanda sau unde este comanda mea.' : 'Scuze, nu am înțeles. Încearcă „adaugă 2 ceai verde”, „finalizează comanda”, „ca de obicei” sau „ajutor”.',
  anythingElse: () => () => 'Mai dorești ceva?',

  searchResults: (names) => (say) => (say.voice ? `Am găsit ${say.list(names)}. Pe care îl alegi?` : `Iată ce am găsit: ${names.join(', ')}. Pe care îl alegi?`),
  didYouMean: (names) => (say) => `Te refereai la ${say.list(names, 'or')}?`,
  whichProduct: () => () => 'Ce produs dorești?',
  notFound: (said) => () => `Scuze, nu am găsit „${said}” în catalogul nostru.`,
  price: (name, priceMinor) => (say) => `${name} costă ${say.money(priceMinor)}.`,
  inStock: (name, stock) => () => (stock > 0 ? `Da, avem ${name} în stoc.` : `Scuze, ${name} nu este în stoc acum.`),
  description: (name, description) => () => `${name}: ${description}`,
  rating: (name, rating, reviews, summary) => () => `${name} are nota ${rating} din 5, din ${counted(LOCALE, reviews, { one: 'recenzie', few: 'recenzii', other: 'de recenzii' })}. ${summary}`,
  noRating: (name) => () => `${name} nu are încă recenzii.`,
  addIt: (name) => () => `Vrei să adaug ${name} în coș?`,
  offerStockAlert: (name) => () => `Vrei să te anunț când ${name} revine în stoc?`,
  stockAlertSet: (name) => () => `Te anunț când ${name} revine în stoc.`,
  alreadyInStock: (name) => () => `Vești bune: ${name} este acum în stoc.`,

  added: (quantity, name, cartTotalMinor) => (say) =>
    `Am adăugat ${say.count(quantity, name)}. Coșul ajunge la ${say.money(cartTotalMinor)}, fără taxe și livrare. Mai dorești ceva, sau finalizez comanda?`,
  removed: (name) => () => `Am scos ${name} din coș.`,
  notInCart: (name) => () => `${name} nu este în coșul tău.`,
  cartEmpty: () => () => 'Coșul tău este gol.',
  cartContents: (lines, subtotalMinor) => (say) => `În coș ai ${lineList(lines)(say)}, ${say.money(subtotalMinor)} fără taxe și livrare. Finalizez comanda?`,
  onlyInStock: (name, available) => () => (available > 0 ? `Scuze, mai avem în stoc doar ${pieces(available)} de ${name}.` : `Scuze, ${name} nu este în stoc acum.`),
  repriced: (changes) => (say) => changes.map((change) => `${change.name} costă acum ${say.money(change.toMinor)}; costa ${say.money(change.fromMinor)} când ai adăugat produsul în coș.`).join(' '),

  readBack: (p) => (say) => {
    const items = say.list(p.lines.map((line) => `${say.count(line.quantity, line.name)} la ${say.money(line.unitPriceMinor)}${line.quantity > 1 ? ' bucata' : ''}`));
    const fees = p.deliveryFeeMinor > 0 ? `${say.money(p.taxMinor)} taxe și ${say.money(p.deliveryFeeMinor)} livrare` : `${say.money(p.taxMinor)} taxe și livrare gratuită`;
    const code = p.codeRequired ? ' După ce confirmi, îți voi cere codul vocal.' : '';
    const payment = p.payment.kind === 'card' ? ` Voi debita cardul tău${cardBrandName(p.payment.card.brand) ? ` ${cardBrandName(p.payment.card.brand)}` : ''} care se termină în ${p.payment.card.last4}.` : p.payment.kind === 'link' ? ' Îți voi trimite un link de plată.' : ' Plătești la livrare.';
    const discount = p.discount ? ` Cu codul de reducere ${p.discount.code}, ${say.money(p.discount.amountMinor)} mai puțin.` : '';
    return `Comanda ta de la ${p.sellerName}: ${items}, livrare la ${p.deliveryTo}.${discount} Totalul este ${say.money(p.totalMinor)}, inclusiv ${fees}.${payment}${code} Plasez comanda?`;
  },
  confirmReprompt: () => () => 'Plasez comanda? Te rog să răspunzi da sau nu.',
  askVoiceCode: () => (say) => `Te rog să îmi ${say.voice ? 'spui' : 'trimiți'} codul vocal din patru cifre.`,
  voiceCodeWrong: (attemptsLeft) => (say) =>
    `Codul nu este corect. ${pluralForm(LOCALE, attemptsLeft, { one: 'Mai ai o încercare', few: `Mai ai ${attemptsLeft} încercări`, other: `Mai ai ${attemptsLeft} de încercări` })}. Te rog să îmi ${say.voice ? 'spui' : 'trimiți'} codul vocal.`,
  orderPlaced: (p) => (say) =>
    `Gata. Numărul comenzii tale este ${say.orderNumber(p.orderNumber)}, în total ${say.money(p.totalMinor)}. ${p.receiptEmailed ? 'Chitanța e pe drum spre e-mailul tău, iar comanda' : 'Comanda'} o poți anula în ${minutes(p.windowMinutes)}.`,
  orderPayment: (p) => (say) => {
    if (p.kind === 'charged') return `Am debitat cardul tău${cardBrandName(p.card.brand) ? ` ${cardBrandName(p.card.brand)}` : ''} care se termină în ${p.card.last4}.`;
    if (p.kind === 'in-progress') return 'Plata ta este în curs de procesare.';
    const why = p.why === 'declined' ? 'Cardul tău a fost refuzat. ' : p.why === 'authentication' ? 'Banca ta îți cere să confirmi această plată. ' : '';
    const where = p.sentToPhone || say.voice ? 'Ți-am trimis un link de plată' : `Plătește aici: ${p.url}`;
    return `${why}${where}. Îți păstrez produsele ${minutes(p.holdMinutes)}.`;
  },
  refundStarted: (amountMinor) => (say) => `Rambursarea de ${say.money(amountMinor)} este în drum spre cardul tău.`,
  cardSetupLink: (url) => () => `Adaugă cardul pe pagina securizată Stripe: ${url}`,
  addCardByChat: () => () => 'Ca să adaugi un card, scrie-ne în chat „adaugă un card”.',
  cardSetupLinkSent: () => () => 'Îți trimit prin mesaj un link ca să adaugi cardul pe pagina securizată Stripe. Dacă nu ajunge, scrie-ne în chat „adaugă un card”.',
  cardSetupLinkAlreadySent: () => () => 'Un link ca să adaugi cardul e deja pe drum. Dacă nu ajunge, scrie-ne în chat „adaugă un card”.',
  cardSetupPageLimit: () => () => 'Azi ai cerut deja de mai multe ori o pagină pentru card, așa că acum nu mai deschid alta. Folosește ultimul link pe care ți l-am dat sau încearcă din nou mâine.',
  cardSetupLinkLimit: () => () => 'Azi ai cerut deja de mai multe ori linkul pentru card, așa că acum nu mai trimit altul. Ca să adaugi un card, scrie-ne în chat „adaugă un card”.',
  savedCard: (card) => () => `Cardul salvat este ${cardBrandName(card.brand) ?? 'cardul'} care se termină în ${card.last4}.`,
  noCardSaved: () => () => 'Nu ai niciun card salvat.',
  cardRemoved: (card) => () => `Am șters cardul ${cardBrandName(card.brand) ?? ''} care se termină în ${card.last4}.`.replace('  ', ' '),
  noCardNeeded: () => () => 'Plătești la livrare, deci nu ai nevoie de card.',
  checkoutCancelled: (why) => () => (why === 'changed-subject' ? 'Bine, nu am plasat comanda aceea; coșul tău este salvat.' : 'Bine, nu am plasat comanda. Coșul tău rămâne salvat pentru mai târziu.'),
  basketChanged: () => () => 'Coșul s-a schimbat de când ți-am citit comanda, așa că ți-o citesc din nou.',

  // Discount codes
  discountApplied: (p) => (say) => `Codul de reducere ${p.code} scade ${say.money(p.amountMinor)}. Totalul coșului este acum ${say.money(p.totalMinor)}.`,
  discountRefused: (code, problem) => () => `Îmi pare rău, codul ${code} ${DISCOUNT_PROBLEMS[problem]}.`,
  discountNoLongerApplies: (code, problem) => () => `Codul de reducere ${code} nu mai este valabil: ${DISCOUNT_PROBLEMS[problem]}, așa că l-am scos.`,
  whichDiscountCode: () => () => 'Ce cod de reducere vrei să folosești?',

  reorderSummary: (p) => (say) => {
    const items = say.list(p.lines.map((line) => say.count(line.quantity, line.name)));
    const notes = p.lines
      .map((line) => {
        if (line.status === 'out-of-stock' || line.status === 'unavailable') return `${line.name} nu este în stoc acum.`;
        if (line.status === 'short') return `Mai avem în stoc doar ${pieces(line.availableQuantity)} de ${line.name}.`;
        if (line.status === 'repriced') return `${line.name} costă acum ${say.money(line.priceNowMinor!)}; ai plătit ${say.money(line.pricePaidMinor)}.`;
        return '';
      })
      .filter(Boolean)
      .join(' ');
    return `Comanda ta ${say.orderNumber(p.orderNumber)} din ${say.date(p.placedAt)} conținea ${items}.${notes ? ` ${notes}` : ''} Adaug în coș ce este disponibil, la prețurile de azi, și finalizez comanda?`;
  },
  reorderNothingAvailable: () => () => 'Niciun produs din comanda aceea nu este disponibil acum, așa că nu am ce comanda din nou.',
  noPastOrders: () => () => 'Nu am găsit o comandă anterioară de repetat.',

  orderStatus: (p) => (say) => {
    const base = `Comanda ${say.orderNumber(p.orderNumber)}${p.placedAt ? ` din ${say.date(p.placedAt)}` : ''} este ${STATUS_WORDS[p.status] ?? p.status}.`;
    const tracking = p.status === 'shipped' && p.tracking?.number ? ` Numărul de urmărire${p.tracking.carrier ? ` ${p.tracking.carrier}` : ''} este ${p.tracking.number}.` : '';
    const cancel = p.cancellableUntil && p.cancellableUntil > p.now && (p.status === 'placed' || p.status === 'paid') ? ` O mai poți anula până la ${say.time(p.cancellableUntil)}.` : '';
    return base + tracking + cancel;
  },
  noOrders: () => () => 'Nu ai încă nicio comandă.',
  confirmCancel: (orderNumber, totalMinor) => (say) => `Anulez comanda ${say.orderNumber(orderNumber)} de ${say.money(totalMinor)}?`,
  orderCancelled: (orderNumber) => (say) => `Comanda ${say.orderNumber(orderNumber)} este anulată. Nu vei plăti nimic.`,
  keptOrder: () => () => 'Bine, am lăsat comanda așa cum era.',
  noOrderToCancel: () => () => 'Nu ai nicio comandă care să mai poată fi anulată.',

  setCodeByText: () => () => 'Pentru siguranță, setează codul vocal prin mesaj text sau în aplicație, nu cu vocea.',
  askNewCode: () => () => 'Trimite cele patru cifre pe care le vrei drept cod vocal.',
  codeSet: () => () => 'Codul vocal este setat. Ți-l voi cere când comanzi vocal.',
  codeMalformed: () => () => 'Codul vocal are exact patru cifre. Te rog să trimiți patru cifre.',
  optedOut: () => () => 'Nu vei mai primi mesaje de marketing de la noi. Îți vom trimite în continuare noutăți despre comenzile pe care le plasezi.',
  // Keyword sign-up (double opt-in on SMS): the ask is the consent wording, stored with the opt-in.
  signupAsk: (brand) => `${brand}: răspunde YES ca să primești prin SMS ofertele și noutățile despre evenimente, cel mult 4 pe lună. Se pot aplica tarife pentru mesaje și date. Răspunde STOP oricând ca să renunți.`,
  signupAskHere: (brand) => `${brand}: răspunde YES ca să primești aici ofertele și noutățile despre evenimente, cel mult 4 pe lună. Răspunde STOP oricând ca să renunți.`,
  signupConfirmed: (brand) => `Gata: ${brand} îți va trimite oferte și noutăți despre evenimente. Răspunde STOP oricând ca să renunți.`,
  signupDeclined: () => () => 'În regulă, nu vei primi oferte de la noi.',
  remindCartAsk: (hours) => () => `Vrei să-ți amintesc aici de coșul tău peste ${hours} ore?`,
  remindCartSet: (hours) => () => `Bine, îți voi aminti aici de coșul tău peste aproximativ ${hours} ore.`,
  npsThanks: () => () => 'Mulțumim pentru răspuns!',
  npsAskWhy: () => () => 'Mulțumim că ne-ai spus. Ce am fi putut face mai bine?',
  npsCommentThanks: () => () => 'Mulțumim, ne va ajuta să ne îmbunătățim.',
  offersAsk: (brand) => `Vrei să primești și aici ofertele și noutățile ${brand}, cel mult 4 pe lună? Răspunde YES sau NO. Poți răspunde STOP oricând.`,
  eventCityAsk: () => () => 'Pentru ce oraș vrei să afli evenimentele? Răspunde cu numărul sau numele.',
  eventCityUnknown: () => () => 'Îmi pare rău, nu cunosc acest oraș. Care dintre ele? Răspunde cu numărul sau numele.',
  eventCityStillUnknown: (keyword) => () => `Îmi pare rău, tot nu găsesc acest oraș. Trimite ${keyword} din nou oricând dorești.`,
  eventsLater: (keyword) => () => `Nicio problemă. Trimite ${keyword} din nou oricând dorești.`,
  noEvents: () => () => 'Momentan nu sunt evenimente programate. Revino în curând.',
  eventDetails: (city, event) => (say) => `${city}: ${event.name}, ${say.date(event.day)}${event.time ? `, ora ${say.wallTime(event.time)}` : ''}, ${event.venue}. ${event.link}`,
  optedIn: () => (say) =>
    say.voice
      ? 'Mulțumim! Vei primi oferte și noutăți de la noi. Ca să renunți, spune oricând nu-mi mai trimite oferte.'
      : 'Mulțumim! Vei primi oferte și noutăți de la noi. Răspunde oricând STOP ca să renunți.',
  messagesStopped: () => (say) =>
    say.voice
      ? 'Bine, nu îți mai trimitem mesaje sau notificări, nici despre comenzi.'
      : 'Bine, nu îți mai trimitem mesaje, nici despre comenzi. Trimite START aici ca să primești din nou noutăți despre comenzi.',
  messagesStoppedHere: () => () => 'Te-ai dezabonat: nu mai primești mesaje de la noi aici, nici despre comenzi. Trimite START ca să primești din nou noutăți despre comenzi.',
  messagesResumed: () => () => 'Vei primi din nou noutăți despre comenzile tale. Ofertele rămân oprite, dacă nu le ceri. Trimite oricând STOP ca să oprești mesajele.',
  linkAccount: () => (say) =>
    say.voice
      ? 'Ca să îți conectezi contul, deschide aplicația Alexa și alege conectează contul în skill-ul nostru.'
      : 'Ca să folosești același cont peste tot, scrie „conectează-mi contul” pe celălalt canal ca să primești un cod, apoi trimite-l aici.',
  linkCodeIssued: (code, minutesValid) => (say) => {
    const digits = code.replace(/\s/g, '').split('').join(' ');
    return say.voice
      ? `Codul tău de conectare este ${digits}. Repet: ${digits}. În ${minutes(minutesValid)}, trimite cuvântul conectează și acest cod de pe celălalt canal.`
      : `Codul tău de conectare este ${code}. În ${minutes(minutesValid)}, trimite „conectează ${code}” de pe celălalt canal sau introdu-l când aplicația Alexa îți cere să te autentifici. Funcționează o singură dată.`;
  },
  linkCodeTexted: (lastDigits, minutesValid) => () => `Am trimis un cod de conectare prin SMS la numărul care se termină cu ${lastDigits}. Răspunde la acel mesaj cu cuvântul conectează și codul, în ${minutes(minutesValid)}.`,
  linkCodeSms: (code, sellerName, minutesValid) => () => `${sellerName}: codul tău de conectare este ${code}. Răspunde „conectează ${code}” în ${minutes(minutesValid)} ca să folosești acest număr pentru contul tău. Nu l-ai cerut? Ignoră mesajul.`,
  linkCodeMalformed: () => () => 'Codul de conectare are douăsprezece cifre, de exemplu „conectează 4821 9073 1640”. Te rog să îl trimiți din nou.',
  accountLinked: () => () => 'Gata: acest canal este acum conectat la contul tău. Coșul și comenzile tale sunt și aici.',
  alreadyLinked: () => () => 'Acest canal este deja conectat la contul tău.',
  confirmLinkHere: (otherChannel) => (say) =>
    `Acest cod de conectare a fost cerut pe ${otherChannel}. Conectarea permite conversației de pe ${otherChannel} să folosească contul tău de aici, cu adresa și datele de plată salvate. Doar dacă ai cerut tu codul, ${say.voice ? 'spune da' : 'răspunde DA'}. Altfel, ${say.voice ? 'spune nu' : 'răspunde NU'}.`,
  confirmLinkThere: (otherChannel) => (say) =>
    `Codul tău de conectare tocmai a fost folosit pe ${otherChannel}. Conectarea permite conversației de pe ${otherChannel} să folosească contul tău, cu adresa și datele de plată salvate. Doar dacă ai fost tu, ${say.voice ? 'spune da' : 'răspunde DA'}. Altfel, ${say.voice ? 'spune nu' : 'răspunde NU'}.`,
  linkAwaitsConfirmation: (confirmOn) => () =>
    `Aproape gata. Ca să îți protejăm contul, confirmă pe ${confirmOn}, unde ai cerut codul: spune sau scrie acolo „conectează-mi contul” în 10 minute și răspunde da.`,
  linkDeclined: () => () => 'Bine, nu am conectat nimic. Nu s-a schimbat nimic.',
  linkConfirmationExpired: () => () => 'Cererea de conectare a expirat, așa că nu am conectat nimic. Cere un cod nou cu „conectează-mi contul”.',
  handoff: (waitMinutes: number) => () => `Te transfer la o persoană din echipa noastră; de obicei răspunde aici în aproximativ ${waitMinutes} minute. Scrie meniu ca să revii la mine.`,
  handoffByVoice: () => () => 'Aici nu te pot transfera la o persoană, dar dacă ne scrii prin mesaj sau în aplicație, îți va răspunde cineva din echipă.',
  handoffEnded: () => () => 'Ai revenit la asistentul de cumpărături. Cu ce te pot ajuta?',
  handoffAfterHours: (opensAt: string, timeZone: string) => () =>
    `Echipa noastră nu este disponibilă acum și răspunde de la ${opensAt} (ora ${timeZone}). Am transmis mesajul tău și atunci o persoană îți va scrie aici. Între timp, scrie meniu ca să continui cu mine.`,
  handoffWriteBack: (channel: string, waitMinutes: number) => () => `Am rugat o persoană din echipa noastră să îți scrie pe ${channel}, de obicei în aproximativ ${waitMinutes} minute. Te mai pot ajuta cu ceva?`,
  handoffWriteBackAfterHours: (channel: string, opensAt: string, timeZone: string) => () =>
    `Echipa noastră nu este disponibilă acum. Am rugat-o să îți scrie pe ${channel} de la ${opensAt} (ora ${timeZone}). Te mai pot ajuta cu ceva?`,
  handoffStillWaiting: () => () => 'Îmi pare rău, încă nu a preluat nimeni din echipă conversația. Poți aștepta în continuare și cineva îți va răspunde aici, sau scrie meniu ca să continui cu mine.',
  handoffWelcomeBack: () => () => 'Îți mulțumim că ai vorbit cu echipa noastră. Ai revenit la asistentul de cumpărături.',

  giftAskAge: () => () => 'Te ajut cu drag să găsești un cadou. Câți ani are persoana?',
  giftAskBudget: () => () => 'Ce buget ai?',
  giftAskCategory: (categories) => (say) => `Un anumit fel de cadou? De exemplu ${say.list(categories, 'or')}. Sau spune oricare.`,
  giftIdeas: (ideas) => (say) =>
    `Iată ${counted(LOCALE, ideas.length, { one: 'idee', few: 'idei', other: 'de idei' })}: ${say.list(ideas.map((idea) => `${idea.name} la ${say.money(idea.priceMinor)}`))}. Vrei să adaugi una?`,
  giftNone: () => () => 'Nu am găsit un cadou potrivit. Încearcă un buget mai mare sau orice categorie.',

  progress: { placingOrder: 'O clipă, plasez comanda.' },

  labels: {
    yes: 'Da',
    no: 'Nu',
    checkout: 'Finalizează',
    viewCart: 'Vezi coșul',
    reorderUsual: 'Ca de obicei',
    orderStatus: 'Starea comenzii',
    giftIdeas: 'Idei de cadouri',
    help: 'Ajutor',
    add: (name) => `Adaugă ${name}`,
    stockAlert: 'Anunță-mă când revine',
    outOfStock: 'stoc epuizat',
    payNow: 'Plătește acum',
    addCard: 'Adaugă card',
  },

  errors: {
    VALIDATION_FAILED: 'Scuze, nu am putut folosi asta. Te rog să încerci din nou.',
    MALFORMED_BODY: 'Scuze, nu am putut citi mesajul.',
    BODY_TOO_LARGE: 'Mesajul este prea lung.',
    UNSUPPORTED_MEDIA_TYPE: 'Scuze, nu am putut citi mesajul.',
    UNAUTHENTICATED: 'Te rog să te autentifici mai întâi.',
    FORBIDDEN: 'Scuze, asta nu este permis.',
    NOT_FOUND: 'Scuze, nu am găsit asta.',
    CONFLICT: 'Ceva tocmai s-a schimbat. Te rog să încerci din nou.',
    DATABASE_UNAVAILABLE: 'Scuze, am o problemă acum. Te rog să încerci din nou puțin mai târziu.',
    INTERNAL: 'Scuze, ceva nu a mers bine la noi. Te rog să încerci din nou puțin mai târziu.',
    PRODUCT_NOT_FOUND: 'Scuze, nu am găsit produsul acesta.',
    OUT_OF_STOCK: 'Scuze, unele produse nu sunt în stoc.',
    CART_EMPTY: 'Coșul tău este gol. Spune-mi mai întâi ce dorești.',
    RESTRICTED_BY_VOICE: 'Scuze, produsul acesta nu poate fi comandat vocal.',
    AGE_VERIFICATION_REQUIRED: 'Produsul acesta cere verificarea vârstei înainte de comandă. Te rog să îți verifici vârsta în aplicație.',
    ORDER_LIMIT_EXCEEDED: 'Comanda depășește limita pentru o singură comandă. Scoate ceva și încearcă din nou.',
    DAILY_LIMIT_EXCEEDED: 'Ai depăși limita de cheltuieli de azi, așa că nu pot plasa comanda.',
    VOICE_CODE_NOT_SET: 'Comanda aceasta cere un cod vocal, iar tu nu ai setat încă unul. Îl poți seta prin mesaj text sau în aplicație.',
    VOICE_CODE_WRONG: 'Codul nu este corect.',
    VOICE_CODE_LOCKED: 'Codul vocal a fost greșit de trei ori, așa că l-am dezactivat ca să îți protejez contul. Comanda nu a fost plasată. Ca să setezi un cod nou, trimite-ne SETEAZĂ COD VOCAL sau folosește aplicația.',
    CONFIRMATION_STALE: 'Coșul tău s-a schimbat, așa că îți citesc comanda din nou.',
    NO_ADDRESS: 'Am nevoie mai întâi de o adresă de livrare. Te rog să adaugi una în aplicație.',
    ORDER_NOT_FOUND: 'Nu am găsit comanda aceea.',
    CANCEL_WINDOW_CLOSED: 'Comanda aceea nu mai poate fi anulată: a trecut timpul de anulare sau este deja în pregătire. Scrie operator ca să vorbești cu un om despre un retur.',
    INVALID_STATUS_CHANGE: 'Comanda aceea nu se poate schimba așa.',
    ACCOUNT_NOT_LINKED: 'Ca să comanzi, te rog să îți conectezi contul: deschide aplicația Alexa, găsește skill-ul nostru și alege conectează contul. Ți-am trimis un card ca ajutor.',
    REQUEST_NOT_VERIFIED: 'Scuze, cererea nu a putut fi verificată.',
    LINK_CODE_WRONG: 'Codul de conectare nu este corect. Verifică cifrele și încearcă din nou.',
    LINK_CODE_LOCKED: 'Codul de conectare a fost încercat de prea multe ori și nu mai funcționează. Spune sau scrie „conectează-mi contul” pe celălalt canal ca să primești unul nou.',
    LINK_CODE_EXPIRED: 'Codul de conectare a expirat. Spune sau scrie „conectează-mi contul” pe celălalt canal ca să primești unul nou.',
    LINK_CODE_USED: 'Codul de conectare a fost deja folosit. Spune sau scrie „conectează-mi contul” pe celălalt canal ca să primești unul nou.',
    LINK_CODE_THROTTLED: 'De aici s-au încercat prea multe coduri. Te rog să aștepți o oră și să încerci din nou.',
    WEBCHAT_SESSIONS_THROTTLED: 'De aici s-au deschis prea multe conversații. Te rog să aștepți o oră și să încerci din nou.',
    LINK_CODE_UNAVAILABLE: 'Nu pot crea acum un cod de conectare. Te rog să încerci din nou peste câteva minute.',
    DISCOUNT_NOT_APPLICABLE: 'Îmi pare rău, acest cod de reducere nu se aplică.',
    ORDER_IN_PROGRESS: 'Încă plasez comanda aceea. Te rog să întrebi din nou într-o clipă.',
    VOICE_CODE_REQUIRED: "Această comandă necesită codul tău vocal. Spune-l sau scrie-l pentru a confirma.",
    SIGN_IN_THROTTLED: "Prea multe încercări de autentificare. Așteaptă câteva minute și încearcă din nou.",
    CAMPAIGN_TEST_THROTTLED: "Prea multe trimiteri de test ale acestei campanii în ora aceasta. Încearcă din nou ora viitoare.",
    AGENT_REPLY_REFUSED: "Mesajul acesta nu poate fi trimis acum pe acest canal.",
    PAYMENT_UNAVAILABLE: 'Îmi pare rău, nu pot contacta serviciul de plăți, așa că nu s-a plătit nimic și nu s-a plasat nicio comandă. Încearcă din nou peste câteva minute.',
    REFUND_NOT_ALLOWED: 'Îmi pare rău, nu pot rambursa această sumă.',
  },

  count,
  languageSwitched: () => () => 'Bine, de acum vorbesc românește.',

  carrierHelp: (sellerName) => `${sellerName}: cumperi și urmărești comenzile prin SMS, de exemplu „arată-mi cafea” sau „unde este comanda mea”. Răspunde STOP ca să te dezabonezi.`,

  numberedChoices: {
    inline: (options) => `Răspunde ${options.join(', ')}.`,
    option: (digit, label) => `${digit} pentru ${label}`,
    more: (count) => `+${count}: scrie ce dorești`,
  },

  notifications: {
    orderUpdate: (status, orderNumber) =>
      ({
        paid: `comanda ta ${orderNumber} este plătită și o pregătim.`,
        shipped: `comanda ta ${orderNumber} este pe drum.`,
        delivered: `comanda ta ${orderNumber} a fost livrată.`,
        cancelled: `comanda ta ${orderNumber} a fost anulată.`,
        returned: `am primit returul comenzii tale ${orderNumber}.`,
        refunded: `comanda ta ${orderNumber} a fost rambursată.`,
      })[status] ?? `comanda ta ${orderNumber} este ${STATUS_WORDS[status] ?? status}.`,
    status: (status) => STATUS_WORDS[status] ?? status,
    tracking: (carrierAndNumber) => `Urmărire: ${carrierAndNumber}`,
    backInStock: (sellerName, productName) => `${sellerName}: vești bune, ${productName} este din nou în stoc. Răspunde ca să comanzi.`,
    marketingOptOut: (link) => (link ? `Răspunde STOP sau atinge ${link} ca să te dezabonezi.` : 'Răspunde STOP ca să te dezabonezi.'),
    marketingEmailWhy: (brand) => `Primești acest e-mail pentru că ai cerut ofertele ${brand} prin e-mail.`,
    marketingEmailUnsubscribe: () => 'Dezabonare',
    cartReminder: (items) => `Ai lăsat ${items} în coș. Răspunde CHECKOUT ca să comanzi, aici sau pe orice canal.`,
    npsQuestion: (sellerName) => `De la 0 la 10, cât de probabil este să recomanzi ${sellerName} unui prieten? Răspunde cu un număr.`,
    birthday: (code) => (code ? `La mulți ani! Un cadou de la noi: folosește codul ${code} la următoarea comandă.` : 'La mulți ani! Îți dorim o zi minunată.'),
    payHere: (orderNumber, url) => `ca să finalizezi comanda ${orderNumber}, plătește aici: ${url}`,
    addCardHere: (url) => `adaugă cardul pe pagina securizată Stripe: ${url}`,
  },

  receipt: {
    subject: (sellerName, orderNumber) => `Chitanța ${sellerName} pentru comanda ${orderNumber}`,
    greeting: (name) => (name ? `Bună, ${name},` : 'Bună,'),
    thanks: (orderNumber, sellerName) => `Îți mulțumim pentru comanda ${orderNumber} de la ${sellerName}.`,
    subtotal: 'Subtotal',
    tax: 'Taxe',
    delivery: 'Livrare',
    total: 'Total',
    cancelUntil: (until) => `Poți anula comanda până la ${until} spunând sau scriind „anulează comanda”.`,
    soldBy: (sellerName) => `Vândut de ${sellerName}.`,
  },

  signIn: {
    title: (sellerName) => `Conectează-ți contul ${sellerName}`,
    heading: (sellerName) => `Conectează-ți contul ${sellerName} la Alexa`,
    help: 'Pe WhatsApp, Messenger, SMS sau în chatul de pe site, trimite <strong>conectează-mi contul</strong>. Îți răspundem cu un cod de conectare din douăsprezece cifre, valabil 10 minute. Introdu-l aici.',
    codeLabel: 'Cod de conectare',
    submit: 'Conectează contul',
    cancel: 'Anulează',
    expiredTitle: 'Link expirat',
    expiredHeading: 'Acest link de autentificare a expirat',
    expiredHelp: 'Te rog să începi din nou conectarea contului din aplicația Alexa.',
    malformed: 'Codul de conectare are douăsprezece cifre. Verifică-l și încearcă din nou.',
  },
};
