import type { DiscountProblem } from '../../core/discount';
import type { Message } from '../format';
import { cardBrandName, type Messages } from './en-US';
import { counted, pluralForm } from './grammar';

/**
 * Polish. Numerals govern the case of what they count (1 sztuka, 2-4 sztuki, 5+ sztuk, 22 sztuki), so a
 * count is followed by a unit noun in the form the number takes; product names stay in the nominative
 * after a colon. The assistant speaks impersonally ("Dodano") to avoid gendered past tenses.
 */

type Line = { name: string; quantity: number };

const LOCALE = 'pl-PL';
const pieces = (quantity: number): string => counted(LOCALE, quantity, { one: 'sztuka', few: 'sztuki', many: 'sztuk', other: 'sztuki' });
const count = (quantity: number, name: string): string => `${name}: ${pieces(quantity)}`;
const lineList = (lines: Line[]): Message => (say) => say.list(lines.map((line) => say.count(line.quantity, line.name)));
const sayOrSend = (voice: boolean): string => (voice ? 'podaj' : 'wyślij');
const minutes = (n: number): string => counted(LOCALE, n, { one: 'minuty', few: 'minut', many: 'minut', other: 'minuty' });

// The order (zamówienie) is neuter: the participles agree with it.
const STATUS_WORDS: Record<string, string> = {
  pending: 'w trakcie składania',
  placed: 'złożone',
  paid: 'opłacone i czeka na spakowanie',
  packed: 'spakowane i gotowe do wysyłki',
  shipped: 'w drodze',
  delivered: 'dostarczone',
  cancelled: 'anulowane',
  returned: 'zwrócone',
  refunded: 'rozliczone zwrotem pieniędzy',
  failed: 'nieudane',
  awaiting_payment: 'w oczekiwaniu na płatność',
};

const DISCOUNT_PROBLEMS: Record<DiscountProblem, string> = {
  unknown: 'nie jest naszym kodem',
  inactive: 'został wycofany',
  'not-yet-valid': 'jeszcze nie obowiązuje',
  expired: 'wygasł',
  'below-minimum': 'wymaga większego koszyka',
  'no-eligible-items': 'nie obejmuje niczego w Twoim koszyku',
  'used-up': 'został już wykorzystany',
};

export const plPL: Messages = {
  welcome: (sellerName, hasOrders) => () =>
    hasOrders
      ? `Witaj ponownie w ${sellerName}. Możesz powtórzyć swoje stałe zamówienie, sprawdzić zamówienie albo powiedzieć, czego potrzebujesz.`
      : `Witaj w ${sellerName}. Powiedz, czego potrzebujesz, na przykład „dodaj dwie kawy kolumbijskie”, albo poproś o pomysły na prezent.`,
  welcomeReprompt: () => () => 'Co chcesz zrobić?',
  help: () => (say) =>
    say.voice
      ? 'Możesz zapytać o produkt, dodać go do koszyka, złożyć zamówienie, powtórzyć stałe zamówienie, zapytać, gdzie jest Twoje zamówienie, albo je anulować. Co wybierasz?'
      : 'Możesz szukać („pokaż herbatę”), dodawać produkty („dodaj 2 zielona herbata”), złożyć zamówienie, powtórzyć („to co zwykle”), zapytać „gdzie jest moje zamówienie”, anulować zamówienie, znaleźć prezent albo napisać „konsultant”, aby porozmawiać z człowiekiem.',
  goodbye: () => () => 'Do widzenia i dziękujemy za zakupy.',
  fallback: () => (say) =>
    say.voice ? 'Przepraszam, nie rozumiem. Możesz powiedzieć na przykład dodaj kawę, do kasy albo gdzie jest moje zamówienie.' : 'Przepraszam, nie rozumiem. Spróbuj „dodaj 2 zielona herbata”, „do kasy”, „to co zwykle” albo „pomoc”.',
  anythingElse: () => () => 'Coś jeszcze?',

  searchResults: (names) => (say) => (say.voice ? `Znaleziono: ${say.list(names)}. Który produkt wybierasz?` : `Oto, co udało się znaleźć: ${names.join(', ')}. Który produkt wybierasz?`),
  didYouMean: (names) => (say) => `Czy chodziło Ci o: ${say.list(names, 'or')}?`,
  whichProduct: () => () => 'Jaki produkt wybierasz?',
  notFound: (said) => () => `Przepraszam, w naszym katalogu nie ma „${said}”.`,
  price: (name, priceMinor) => (say) => `${name}: cena ${say.money(priceMinor)}.`,
  inStock: (name, stock) => () => (stock > 0 ? `Tak, ${name}: jest na stanie.` : `Przepraszam, ${name}: chwilowo brak na stanie.`),
  description: (name, description) => () => `${name}: ${description}`,
  rating: (name, rating, reviews, summary) => () => `${name}: ocena ${rating} na 5 na podstawie ${reviews} opinii. ${summary}`,
  noRating: (name) => () => `${name}: brak opinii.`,
  addIt: (name) => () => `Dodać do koszyka: ${name}?`,
  offerStockAlert: (name) => () => `Dać Ci znać, gdy ${name} znowu będzie na stanie?`,
  stockAlertSet: (name) => () => `Dam Ci znać, gdy ${name} znowu będzie na stanie.`,
  alreadyInStock: (name) => () => `Dobra wiadomość: ${name} jest już na stanie.`,

  added: (quantity, name, cartTotalMinor) => (say) =>
    `Dodano do koszyka: ${say.count(quantity, name)}. Wartość koszyka to ${say.money(cartTotalMinor)} bez podatku i dostawy. Coś jeszcze, czy przejść do kasy?`,
  removed: (name) => () => `Usunięto z koszyka: ${name}.`,
  notInCart: (name) => () => `Tego produktu nie ma w koszyku: ${name}.`,
  cartEmpty: () => () => 'Twój koszyk jest pusty.',
  cartContents: (lines, subtotalMinor) => (say) => `W koszyku: ${lineList(lines)(say)}, razem ${say.money(subtotalMinor)} bez podatku i dostawy. Przejść do kasy?`,
  onlyInStock: (name, available) => () => (available > 0 ? `Przepraszam, na stanie zostało już tylko: ${name}, ${pieces(available)}.` : `Przepraszam, ${name}: chwilowo brak na stanie.`),
  repriced: (changes) => (say) => changes.map((change) => `${change.name}: cena wynosi teraz ${say.money(change.toMinor)}, a przy dodaniu do koszyka wynosiła ${say.money(change.fromMinor)}.`).join(' '),

  readBack: (p) => (say) => {
    const items = say.list(p.lines.map((line) => `${say.count(line.quantity, line.name)} po ${say.money(line.unitPriceMinor)}${line.quantity > 1 ? ' za sztukę' : ''}`));
    const fees = p.deliveryFeeMinor > 0 ? `${say.money(p.taxMinor)} podatku i ${say.money(p.deliveryFeeMinor)} za dostawę` : `${say.money(p.taxMinor)} podatku i darmową dostawę`;
    const code = p.codeRequired ? ' Po potwierdzeniu poproszę o Twój kod głosowy.' : '';
    const payment = p.payment.kind === 'card' ? ` Obciążę Twoją kartę${cardBrandName(p.payment.card.brand) ? ` ${cardBrandName(p.payment.card.brand)}` : ''} z końcówką ${p.payment.card.last4}.` : p.payment.kind === 'link' ? ' Wyślę Ci link do płatności.' : ' Płacisz przy odbiorze.';
    const discount = p.discount ? ` Z kodem rabatowym ${p.discount.code}, ${say.money(p.discount.amountMinor)} mniej.` : '';
    return `Twoje zamówienie w ${p.sellerName}: ${items}, dostawa na adres ${p.deliveryTo}.${discount} Razem ${say.money(p.totalMinor)}, w tym ${fees}.${payment}${code} Czy złożyć zamówienie?`;
  },
  confirmReprompt: () => () => 'Czy złożyć zamówienie? Odpowiedz tak lub nie.',
  askVoiceCode: () => (say) => `Proszę, ${sayOrSend(say.voice)} swój czterocyfrowy kod głosowy.`,
  voiceCodeWrong: (attemptsLeft) => (say) =>
    `Ten kod jest nieprawidłowy. ${pluralForm(LOCALE, attemptsLeft, { one: 'Została', few: 'Zostały', many: 'Zostało', other: 'Zostało' })} Ci ${counted(LOCALE, attemptsLeft, { one: 'próba', few: 'próby', many: 'prób', other: 'próby' })}. Proszę, ${sayOrSend(say.voice)} swój kod głosowy.`,
  orderPlaced: (p) => (say) =>
    `Gotowe. Numer Twojego zamówienia to ${say.orderNumber(p.orderNumber)}, razem ${say.money(p.totalMinor)}. ${p.receiptEmailed ? 'Potwierdzenie wysłaliśmy na Twój e-mail. ' : ''}Zamówienie możesz anulować w ciągu ${minutes(p.windowMinutes)}.`,
  orderPayment: (p) => (say) => {
    if (p.kind === 'charged') return `Obciążyłem Twoją kartę${cardBrandName(p.card.brand) ? ` ${cardBrandName(p.card.brand)}` : ''} z końcówką ${p.card.last4}.`;
    if (p.kind === 'in-progress') return 'Płatność jest w trakcie realizacji.';
    const why = p.why === 'declined' ? 'Twoja karta została odrzucona. ' : p.why === 'authentication' ? 'Twój bank prosi o potwierdzenie tej płatności. ' : '';
    const where = p.sentToPhone || say.voice ? 'Wysłałem Ci link do płatności' : `Zapłać tutaj: ${p.url}`;
    return `${why}${where}. Zarezerwuję produkty na ${minutes(p.holdMinutes)}.`;
  },
  refundStarted: (amountMinor) => (say) => `Zwrot ${say.money(amountMinor)} jest w drodze na Twoją kartę.`,
  cardSetupLink: (url) => () => `Dodaj kartę na bezpiecznej stronie Stripe: ${url}`,
  addCardByChat: () => () => 'Aby dodać kartę, napisz do nas na czacie „dodaj kartę”.',
  cardSetupLinkSent: () => () => 'Wysyłam Ci wiadomością link do dodania karty na bezpiecznej stronie Stripe. Jeśli nie dotrze, napisz do nas na czacie „dodaj kartę”.',
  cardSetupLinkAlreadySent: () => () => 'Link do dodania karty jest już w drodze. Jeśli nie dotrze, napisz do nas na czacie „dodaj kartę”.',
  cardSetupPageLimit: () => () => 'Strona do dodania karty była już dziś otwierana kilka razy, więc teraz nie otworzę kolejnej. Użyj ostatniego linku, który podałem, albo spróbuj jutro.',
  cardSetupLinkLimit: () => () => 'Link do karty był już dziś wysyłany kilka razy, więc teraz nie wyślę kolejnego. Aby dodać kartę, napisz do nas na czacie „dodaj kartę”.',
  savedCard: (card) => () => `Zapisana karta to ${cardBrandName(card.brand) ?? 'karta'} z końcówką ${card.last4}.`,
  noCardSaved: () => () => 'Nie masz zapisanej karty.',
  cardRemoved: (card) => () => `Usunąłem kartę ${cardBrandName(card.brand) ?? ''} z końcówką ${card.last4}.`.replace('  ', ' '),
  noCardNeeded: () => () => 'Płacisz przy odbiorze, więc karta nie jest potrzebna.',
  checkoutCancelled: (why) => () => (why === 'changed-subject' ? 'Dobrze, tego zamówienia nie złożono; koszyk jest zapisany.' : 'Dobrze, zamówienia nie złożono. Koszyk zostaje zapisany na później.'),
  basketChanged: () => () => 'Koszyk zmienił się od czasu odczytania zamówienia, więc oto ono jeszcze raz.',

  // Discount codes
  discountApplied: (p) => (say) => `Kod rabatowy ${p.code} obniża cenę o ${say.money(p.amountMinor)}. Razem w koszyku jest teraz ${say.money(p.totalMinor)}.`,
  discountRefused: (code, problem) => () => `Przepraszam, kod ${code} ${DISCOUNT_PROBLEMS[problem]}.`,
  discountNoLongerApplies: (code, problem) => () => `Kod rabatowy ${code} już nie obowiązuje: ${DISCOUNT_PROBLEMS[problem]}, więc go usunąłem.`,
  whichDiscountCode: () => () => 'Którego kodu rabatowego chcesz użyć?',

  reorderSummary: (p) => (say) => {
    const items = say.list(p.lines.map((line) => say.count(line.quantity, line.name)));
    const notes = p.lines
      .map((line) => {
        if (line.status === 'out-of-stock' || line.status === 'unavailable') return `${line.name}: chwilowo niedostępne.`;
        if (line.status === 'short') return `${line.name}: na stanie tylko ${pieces(line.availableQuantity)}.`;
        if (line.status === 'repriced') return `${line.name}: cena wynosi teraz ${say.money(line.priceNowMinor!)}, wcześniej ${say.money(line.pricePaidMinor)}.`;
        return '';
      })
      .filter(Boolean)
      .join(' ');
    return `Twoje zamówienie ${say.orderNumber(p.orderNumber)} z dnia ${say.date(p.placedAt)} zawierało: ${items}.${notes ? ` ${notes}` : ''} Dodać do koszyka to, co jest dostępne, po dzisiejszych cenach i przejść do kasy?`;
  },
  reorderNothingAvailable: () => () => 'Żaden produkt z tego zamówienia nie jest teraz dostępny, więc nie ma czego powtórzyć.',
  noPastOrders: () => () => 'Nie znaleziono wcześniejszego zamówienia do powtórzenia.',

  orderStatus: (p) => (say) => {
    const base = `Zamówienie ${say.orderNumber(p.orderNumber)}${p.placedAt ? ` z dnia ${say.date(p.placedAt)}` : ''} jest ${STATUS_WORDS[p.status] ?? p.status}.`;
    const tracking = p.status === 'shipped' && p.tracking?.number ? ` Numer przesyłki${p.tracking.carrier ? ` (${p.tracking.carrier})` : ''}: ${p.tracking.number}.` : '';
    const cancel = p.cancellableUntil && p.cancellableUntil > p.now && (p.status === 'placed' || p.status === 'paid') ? ` Możesz je jeszcze anulować do ${say.time(p.cancellableUntil)}.` : '';
    return base + tracking + cancel;
  },
  noOrders: () => () => 'Nie masz jeszcze żadnych zamówień.',
  confirmCancel: (orderNumber, totalMinor) => (say) => `Anulować zamówienie ${say.orderNumber(orderNumber)} na kwotę ${say.money(totalMinor)}?`,
  orderCancelled: (orderNumber) => (say) => `Zamówienie ${say.orderNumber(orderNumber)} zostało anulowane. Nie pobierzemy żadnej opłaty.`,
  keptOrder: () => () => 'Dobrze, zamówienie zostaje bez zmian.',
  noOrderToCancel: () => () => 'Nie masz zamówienia, które można jeszcze anulować.',

  setCodeByText: () => () => 'Dla bezpieczeństwa ustaw kod głosowy w wiadomości tekstowej albo w aplikacji, nie głosem.',
  askNewCode: () => () => 'Wyślij cztery cyfry, których chcesz używać jako kodu głosowego.',
  codeSet: () => () => 'Kod głosowy jest ustawiony. Poproszę o niego przy zamówieniach głosowych.',
  codeMalformed: () => () => 'Kod głosowy ma dokładnie cztery cyfry. Wyślij cztery cyfry.',
  optedOut: () => () => 'Nie będziesz już dostawać od nas wiadomości marketingowych. Nadal będziemy wysyłać informacje o Twoich zamówieniach.',
  // Keyword sign-up (double opt-in on SMS): the ask is the consent wording, stored with the opt-in.
  signupAsk: (brand) => `${brand}: odpowiedz YES, aby dostawać SMS-em nasze oferty i wiadomości o wydarzeniach, do 4 miesięcznie. Mogą obowiązywać opłaty za wiadomości i dane. Odpowiedz STOP w dowolnej chwili, aby zrezygnować.`,
  signupAskHere: (brand) => `${brand}: odpowiedz YES, aby dostawać tutaj nasze oferty i wiadomości o wydarzeniach, do 4 miesięcznie. Odpowiedz STOP w dowolnej chwili, aby zrezygnować.`,
  signupConfirmed: (brand) => `Gotowe: ${brand} będzie wysyłać Ci oferty i wiadomości o wydarzeniach. Odpowiedz STOP w dowolnej chwili, aby zrezygnować.`,
  signupDeclined: () => () => 'W porządku, nie dostaniesz od nas ofert.',
  remindCartAsk: (hours) => () => `Czy mam przypomnieć Ci tutaj o koszyku za ${hours} godz.?`,
  remindCartSet: (hours) => () => `Dobrze, przypomnę Ci tutaj o koszyku za około ${hours} godz.`,
  npsThanks: () => () => 'Dziękujemy za odpowiedź!',
  npsAskWhy: () => () => 'Dziękujemy, że nam o tym mówisz. Co mogliśmy zrobić lepiej?',
  npsCommentThanks: () => () => 'Dziękujemy, pomoże nam to być lepszymi.',
  offersAsk: (brand) => `Czy chcesz dostawać tutaj także oferty i nowości ${brand}, do 4 miesięcznie? Odpowiedz YES lub NO. W każdej chwili możesz odpowiedzieć STOP.`,
  eventCityAsk: () => () => 'Z którego miasta chcesz poznać wydarzenia? Odpowiedz numerem lub nazwą.',
  eventCityUnknown: () => () => 'Przepraszam, nie znam tego miasta. Które to? Odpowiedz numerem lub nazwą.',
  eventCityStillUnknown: (keyword) => () => `Przepraszam, nadal nie mogę znaleźć tego miasta. Wyślij ${keyword} ponownie, kiedy zechcesz.`,
  eventsLater: (keyword) => () => `Nie ma sprawy. Wyślij ${keyword} ponownie, kiedy zechcesz.`,
  noEvents: () => () => 'Obecnie nie ma zaplanowanych wydarzeń. Zajrzyj wkrótce.',
  eventDetails: (city, event) => (say) => `${city}: ${event.name}, ${say.date(event.day)}${event.time ? `, godz. ${say.wallTime(event.time)}` : ''}, ${event.venue}. ${event.link}`,
  optedIn: () => (say) =>
    say.voice
      ? 'Dziękujemy! Będziesz dostawać od nas oferty i nowości. Aby zrezygnować, powiedz w dowolnej chwili przestań wysyłać mi oferty.'
      : 'Dziękujemy! Będziesz dostawać od nas oferty i nowości. Aby zrezygnować, odpowiedz w dowolnej chwili STOP.',
  messagesStopped: () => (say) =>
    say.voice
      ? 'Dobrze, nie będziemy już wysyłać żadnych wiadomości ani powiadomień, także o zamówieniach.'
      : 'Dobrze, nie będziemy już wysyłać żadnych wiadomości, także o zamówieniach. Wyślij tutaj START, aby znowu dostawać informacje o zamówieniach.',
  messagesStoppedHere: () => () => 'Subskrypcja wyłączona: żadnych wiadomości od nas w tym miejscu, także o zamówieniach. Wyślij START, aby znowu dostawać informacje o zamówieniach.',
  messagesResumed: () => () => 'Znowu będziesz dostawać informacje o zamówieniach. Oferty pozostają wyłączone, chyba że o nie poprosisz. Wyślij STOP w dowolnej chwili, aby to zatrzymać.',
  linkAccount: () => (say) =>
    say.voice
      ? 'Aby połączyć konto, otwórz aplikację Alexa i wybierz połącz konto w naszej umiejętności.'
      : 'Aby używać jednego konta wszędzie, napisz „połącz moje konto” w innym kanale, by dostać kod, a potem wyślij go tutaj.',
  linkCodeIssued: (code, minutesValid) => (say) => {
    const digits = code.replace(/\s/g, '').split('').join(' ');
    return say.voice
      ? `Twój kod połączenia to ${digits}. Powtarzam: ${digits}. W ciągu ${minutes(minutesValid)} wyślij słowo połącz i ten kod z innego kanału.`
      : `Twój kod połączenia to ${code}. W ciągu ${minutes(minutesValid)} wyślij „połącz ${code}” z innego kanału albo wpisz go, gdy aplikacja Alexa poprosi o zalogowanie. Działa tylko raz.`;
  },
  linkCodeTexted: (lastDigits, minutesValid) => () => `Kod połączenia wysłano SMS-em na numer kończący się na ${lastDigits}. Odpowiedz na tę wiadomość słowem połącz i kodem w ciągu ${minutes(minutesValid)}.`,
  linkCodeSms: (code, sellerName, minutesValid) => () => `${sellerName}: Twój kod połączenia to ${code}. Odpowiedz „połącz ${code}” w ciągu ${minutes(minutesValid)}, aby używać tego numeru ze swoim kontem. To nie Ty? Zignoruj tę wiadomość.`,
  linkCodeMalformed: () => () => 'Kod połączenia ma dwanaście cyfr, na przykład „połącz 4821 9073 1640”. Wyślij go jeszcze raz.',
  accountLinked: () => () => 'Gotowe: ten kanał jest teraz połączony z Twoim kontem. Twój koszyk i zamówienia też są tutaj.',
  alreadyLinked: () => () => 'Ten kanał jest już połączony z Twoim kontem.',
  confirmLinkHere: (otherChannel) => (say) =>
    `O ten kod połączenia poproszono w kanale ${otherChannel}. Połączenie pozwoli rozmowie w kanale ${otherChannel} korzystać z Twojego konta, z zapisanym adresem i danymi płatności. Tylko jeśli to Ty prosisz o kod, ${say.voice ? 'powiedz tak' : 'odpowiedz TAK'}. W przeciwnym razie ${say.voice ? 'powiedz nie' : 'odpowiedz NIE'}.`,
  confirmLinkThere: (otherChannel) => (say) =>
    `Twój kod połączenia został właśnie użyty w kanale ${otherChannel}. Połączenie pozwoli tej rozmowie korzystać z Twojego konta, z zapisanym adresem i danymi płatności. Tylko jeśli to Ty, ${say.voice ? 'powiedz tak' : 'odpowiedz TAK'}. W przeciwnym razie ${say.voice ? 'powiedz nie' : 'odpowiedz NIE'}.`,
  linkAwaitsConfirmation: (confirmOn) => () =>
    `Prawie gotowe. Aby chronić Twoje konto, potwierdź to w kanale ${confirmOn}, gdzie pojawiła się prośba o kod: powiedz lub napisz tam „połącz moje konto” w ciągu 10 minut i odpowiedz tak.`,
  linkDeclined: () => () => 'Dobrze, konta nie połączono. Nic się nie zmieniło.',
  linkConfirmationExpired: () => () => 'Ta prośba o połączenie wygasła, więc niczego nie połączono. Poproś o nowy kod, pisząc „połącz moje konto”.',
  handoff: (waitMinutes: number) => () => `Przekazuję rozmowę osobie z naszego zespołu; zwykle odpowiada tutaj w ciągu około ${waitMinutes} minut. Napisz menu, aby wrócić do mnie.`,
  handoffByVoice: () => () => 'Tutaj nie mogę połączyć Cię z człowiekiem, ale jeśli napiszesz do nas wiadomość lub w aplikacji, odpowie ktoś z naszego zespołu.',
  handoffEnded: () => () => 'Wracasz do asystentki zakupów. W czym mogę pomóc?',
  handoffAfterHours: (opensAt: string, timeZone: string) => () =>
    `Nasz zespół jest teraz niedostępny i odpowiada od ${opensAt} (czas ${timeZone}). Przekazałam Twoją wiadomość i wtedy ktoś napisze do Ciebie tutaj. W międzyczasie napisz menu, aby kontynuować ze mną.`,
  handoffWriteBack: (channel: string, waitMinutes: number) => () => `Poprosiłam osobę z naszego zespołu, aby napisała do Ciebie na ${channel}, zwykle w ciągu około ${waitMinutes} minut. Czy mogę pomóc w czymś jeszcze?`,
  handoffWriteBackAfterHours: (channel: string, opensAt: string, timeZone: string) => () =>
    `Nasz zespół jest teraz niedostępny. Poprosiłam, aby napisali do Ciebie na ${channel} od ${opensAt} (czas ${timeZone}). Czy mogę pomóc w czymś jeszcze?`,
  handoffStillWaiting: () => () => 'Przepraszam, nikt z naszego zespołu jeszcze nie przejął rozmowy. Możesz dalej czekać, a ktoś odpowie tutaj, albo napisz menu, aby kontynuować ze mną.',
  handoffWelcomeBack: () => () => 'Dziękujemy za rozmowę z naszym zespołem. Wracasz do asystentki zakupów.',

  giftAskAge: () => () => 'Chętnie pomogę znaleźć prezent. Ile lat ma ta osoba?',
  giftAskBudget: () => () => 'Jaki masz budżet?',
  giftAskCategory: (categories) => (say) => `Jakiś konkretny rodzaj prezentu? Na przykład ${say.list(categories, 'or')}. Albo powiedz dowolny.`,
  giftIdeas: (ideas) => (say) =>
    `Oto ${counted(LOCALE, ideas.length, { one: 'pomysł', few: 'pomysły', many: 'pomysłów', other: 'pomysłu' })}: ${say.list(ideas.map((idea) => `${idea.name} za ${say.money(idea.priceMinor)}`))}. Dodać któryś do koszyka?`,
  giftNone: () => () => 'Nie znaleziono pasującego prezentu. Spróbuj z większym budżetem albo dowolną kategorią.',

  progress: { placingOrder: 'Chwileczkę, składam zamówienie.' },

  labels: {
    yes: 'Tak',
    no: 'Nie',
    checkout: 'Do kasy',
    viewCart: 'Pokaż koszyk',
    reorderUsual: 'To co zwykle',
    orderStatus: 'Status zamówienia',
    giftIdeas: 'Pomysły na prezent',
    help: 'Pomoc',
    add: (name) => `Dodaj: ${name}`,
    stockAlert: 'Powiadom o dostawie',
    outOfStock: 'brak w magazynie',
    payNow: 'Zapłać teraz',
    addCard: 'Dodaj kartę',
  },

  errors: {
    VALIDATION_FAILED: 'Przepraszam, nie da się tego użyć. Spróbuj ponownie.',
    MALFORMED_BODY: 'Przepraszam, nie da się odczytać tej wiadomości.',
    BODY_TOO_LARGE: 'Ta wiadomość jest za długa.',
    UNSUPPORTED_MEDIA_TYPE: 'Przepraszam, nie da się odczytać tej wiadomości.',
    UNAUTHENTICATED: 'Najpierw się zaloguj.',
    FORBIDDEN: 'Przepraszam, to niedozwolone.',
    NOT_FOUND: 'Przepraszam, nie znaleziono.',
    CONFLICT: 'Coś się właśnie zmieniło. Spróbuj ponownie.',
    DATABASE_UNAVAILABLE: 'Przepraszam, mamy teraz problem. Spróbuj ponownie za chwilę.',
    INTERNAL: 'Przepraszam, coś poszło nie tak po naszej stronie. Spróbuj ponownie za chwilę.',
    PRODUCT_NOT_FOUND: 'Przepraszam, nie znaleziono tego produktu.',
    OUT_OF_STOCK: 'Przepraszam, niektórych produktów brak na stanie.',
    CART_EMPTY: 'Twój koszyk jest pusty. Najpierw powiedz, czego potrzebujesz.',
    RESTRICTED_BY_VOICE: 'Przepraszam, tego produktu nie można zamówić głosowo.',
    AGE_VERIFICATION_REQUIRED: 'Ten produkt wymaga potwierdzenia wieku przed zamówieniem. Potwierdź swój wiek w aplikacji.',
    ORDER_LIMIT_EXCEEDED: 'To zamówienie przekracza limit jednego zamówienia. Usuń coś i spróbuj ponownie.',
    DAILY_LIMIT_EXCEEDED: 'To przekroczyłoby Twój dzisiejszy limit wydatków, więc nie mogę złożyć zamówienia.',
    VOICE_CODE_NOT_SET: 'To zamówienie wymaga kodu głosowego, a nie masz jeszcze ustawionego kodu. Możesz go ustawić w wiadomości tekstowej albo w aplikacji.',
    VOICE_CODE_WRONG: 'Ten kod jest nieprawidłowy.',
    VOICE_CODE_LOCKED: 'Kod głosowy podano błędnie trzy razy, więc został wyłączony dla ochrony Twojego konta. Zamówienia nie złożono. Aby ustawić nowy kod, wyślij nam USTAW KOD GŁOSOWY albo użyj aplikacji.',
    CONFIRMATION_STALE: 'Twój koszyk się zmienił, więc odczytam zamówienie jeszcze raz.',
    NO_ADDRESS: 'Najpierw potrzebny jest adres dostawy. Dodaj go w aplikacji.',
    ORDER_NOT_FOUND: 'Nie znaleziono tego zamówienia.',
    CANCEL_WINDOW_CLOSED: 'Tego zamówienia nie można już anulować: minął czas na anulowanie albo jest już pakowane. Napisz konsultant, aby porozmawiać z człowiekiem o zwrocie.',
    INVALID_STATUS_CHANGE: 'Tego zamówienia nie można tak zmienić.',
    ACCOUNT_NOT_LINKED: 'Aby zamawiać, połącz konto: otwórz aplikację Alexa, znajdź naszą umiejętność i wybierz połącz konto. Wysłano kartę z instrukcją.',
    REQUEST_NOT_VERIFIED: 'Przepraszam, nie udało się zweryfikować tego żądania.',
    LINK_CODE_WRONG: 'Ten kod połączenia jest nieprawidłowy. Sprawdź cyfry i spróbuj ponownie.',
    LINK_CODE_LOCKED: 'Ten kod połączenia wpisywano zbyt wiele razy i już nie działa. Powiedz lub napisz „połącz moje konto” w innym kanale, aby dostać nowy.',
    LINK_CODE_EXPIRED: 'Ten kod połączenia wygasł. Powiedz lub napisz „połącz moje konto” w innym kanale, aby dostać nowy.',
    LINK_CODE_USED: 'Ten kod połączenia został już użyty. Powiedz lub napisz „połącz moje konto” w innym kanale, aby dostać nowy.',
    LINK_CODE_THROTTLED: 'Z tego miejsca wpisano zbyt wiele kodów. Odczekaj godzinę i spróbuj ponownie.',
    WEBCHAT_SESSIONS_THROTTLED: 'Z tego miejsca rozpoczęto zbyt wiele czatów. Odczekaj godzinę i spróbuj ponownie.',
    LINK_CODE_UNAVAILABLE: 'Nie mogę teraz utworzyć kodu połączenia. Spróbuj ponownie za kilka minut.',
    DISCOUNT_NOT_APPLICABLE: 'Przepraszam, ten kod rabatowy nie obowiązuje.',
    ORDER_IN_PROGRESS: 'Wciąż składam to zamówienie. Zapytaj ponownie za chwilę.',
    VOICE_CODE_REQUIRED: "To zamówienie wymaga Twojego kodu głosowego. Powiedz go lub wpisz, aby potwierdzić.",
    SIGN_IN_THROTTLED: "Zbyt wiele prób logowania. Odczekaj kilka minut i spróbuj ponownie.",
    CAMPAIGN_TEST_THROTTLED: "Zbyt wiele wysyłek testowych tej kampanii w tej godzinie. Spróbuj ponownie w następnej godzinie.",
    AGENT_REPLY_REFUSED: "Tej wiadomości nie można teraz wysłać na tym kanale.",
    PAYMENT_UNAVAILABLE: 'Przepraszam, nie mogę połączyć się z usługą płatności, więc nic nie zostało pobrane i żadne zamówienie nie zostało złożone. Spróbuj ponownie za kilka minut.',
    REFUND_NOT_ALLOWED: 'Przepraszam, nie mogę zwrócić tej kwoty.',
  },

  count,
  languageSwitched: () => () => 'Dobrze, od teraz mówię po polsku.',

  carrierHelp: (sellerName) => `${sellerName}: zakupy i śledzenie zamówień przez SMS, na przykład „pokaż kawę” albo „gdzie jest moje zamówienie”. Odpowiedz STOP, aby zrezygnować.`,

  numberedChoices: {
    inline: (options) => `Odpowiedz: ${options.join(', ')}.`,
    option: (digit, label) => `${digit} – ${label}`,
    more: (count) => `+${count}: napisz, czego szukasz`,
  },

  notifications: {
    orderUpdate: (status, orderNumber) =>
      ({
        paid: `Twoje zamówienie ${orderNumber} jest opłacone i już je przygotowujemy.`,
        shipped: `Twoje zamówienie ${orderNumber} jest w drodze.`,
        delivered: `Twoje zamówienie ${orderNumber} zostało dostarczone.`,
        cancelled: `Twoje zamówienie ${orderNumber} zostało anulowane.`,
        returned: `otrzymaliśmy zwrot Twojego zamówienia ${orderNumber}.`,
        refunded: `za Twoje zamówienie ${orderNumber} zwrócono pieniądze.`,
      })[status] ?? `Twoje zamówienie ${orderNumber} jest ${STATUS_WORDS[status] ?? status}.`,
    status: (status) => STATUS_WORDS[status] ?? status,
    tracking: (carrierAndNumber) => `Numer przesyłki: ${carrierAndNumber}`,
    backInStock: (sellerName, productName) => `${sellerName}: dobra wiadomość, ${productName} jest znowu na stanie. Odpowiedz, aby zamówić.`,
    marketingOptOut: (link) => (link ? `Odpowiedz STOP lub kliknij ${link}, aby zrezygnować.` : 'Odpowiedz STOP, aby zrezygnować.'),
    marketingEmailWhy: (brand) => `Otrzymujesz tę wiadomość, ponieważ poprosiłeś(-aś) ${brand} o oferty e-mailem.`,
    marketingEmailUnsubscribe: () => 'Wypisz się',
    cartReminder: (items) => `W koszyku zostało: ${items}. Odpowiedz CHECKOUT, aby zamówić, tutaj lub w dowolnym kanale.`,
    npsQuestion: (sellerName) => `W skali od 0 do 10, jak chętnie polecisz ${sellerName} znajomym? Odpowiedz liczbą.`,
    birthday: (code) => (code ? `Wszystkiego najlepszego z okazji urodzin! Prezent od nas: użyj kodu ${code} przy następnym zamówieniu.` : 'Wszystkiego najlepszego z okazji urodzin! Życzymy wspaniałego dnia.'),
    payHere: (orderNumber, url) => `aby dokończyć zamówienie ${orderNumber}, zapłać tutaj: ${url}`,
    addCardHere: (url) => `dodaj kartę na bezpiecznej stronie Stripe: ${url}`,
  },

  receipt: {
    subject: (sellerName, orderNumber) => `Potwierdzenie zamówienia ${orderNumber} w ${sellerName}`,
    greeting: (name) => (name ? `Dzień dobry, ${name},` : 'Dzień dobry,'),
    thanks: (orderNumber, sellerName) => `Dziękujemy za zamówienie ${orderNumber} w ${sellerName}.`,
    subtotal: 'Suma częściowa',
    tax: 'Podatek',
    delivery: 'Dostawa',
    total: 'Razem',
    cancelUntil: (until) => `Możesz anulować to zamówienie do ${until}, mówiąc lub pisząc „anuluj zamówienie”.`,
    soldBy: (sellerName) => `Sprzedawca: ${sellerName}.`,
  },

  signIn: {
    title: (sellerName) => `Połącz konto ${sellerName}`,
    heading: (sellerName) => `Połącz konto ${sellerName} z Alexą`,
    help: 'Na naszym WhatsAppie, Messengerze, przez SMS albo na czacie na stronie wyślij <strong>połącz moje konto</strong>. Odpowiemy dwunastocyfrowym kodem połączenia ważnym przez 10 minut. Wpisz go tutaj.',
    codeLabel: 'Kod połączenia',
    submit: 'Połącz konto',
    cancel: 'Anuluj',
    expiredTitle: 'Link wygasł',
    expiredHeading: 'Ten link do logowania wygasł',
    expiredHelp: 'Zacznij łączenie konta jeszcze raz w aplikacji Alexa.',
    malformed: 'Kod połączenia ma dwanaście cyfr. Sprawdź go i spróbuj ponownie.',
  },
};
