import type { ErrorCode } from '../../shared/errors';

export type Language = 'sv' | 'en';

/** Picks Swedish unless the client prefers English (Accept-Language: en...). */
export function languageFromHeader(header: string | undefined): Language {
  if (!header) return 'sv';
  const preferred = header
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of preferred) {
    if (tag.startsWith('sv')) return 'sv';
    if (tag.startsWith('en')) return 'en';
  }
  return 'sv';
}

const ERROR_MESSAGES: Record<ErrorCode, Record<Language, string>> = {
  validation_failed: { sv: 'Några uppgifter behöver rättas.', en: 'Some fields need to be corrected.' },
  not_found: { sv: 'Det du söker finns inte, eller så saknar du behörighet.', en: 'Not found, or you do not have access.' },
  forbidden: { sv: 'Du saknar behörighet för detta.', en: 'You do not have permission to do this.' },
  unauthenticated: { sv: 'Du behöver logga in.', en: 'You need to sign in.' },
  two_factor_required: {
    sv: 'Din roll kräver tvåstegsverifiering. Slå på den under Mitt konto.',
    en: 'Your role requires two-factor authentication. Turn it on under My account.',
  },
  no_active_membership: { sv: 'Välj vilket samverkansområde du arbetar i.', en: 'Choose the collaboration area you are working in.' },
  conflict: { sv: 'Uppgiften finns redan.', en: 'This already exists.' },
  rate_limited: { sv: 'För många försök. Vänta en stund och försök igen.', en: 'Too many attempts. Wait a while and try again.' },
  payload_too_large: { sv: 'Det du skickade är för stort.', en: 'What you sent is too large.' },
  csrf_failed: { sv: 'Begäran kom inte från Samverka. Ladda om sidan.', en: 'The request did not come from Samverka. Reload the page.' },
  internal: { sv: 'Något gick fel hos oss. Försök igen om en stund.', en: 'Something went wrong on our side. Try again shortly.' },
  submission_refused: {
    sv: 'Formuläret kunde inte skickas. Vänta en liten stund och skicka igen. Är det bråttom, ring 112.',
    en: 'The form could not be sent. Wait a moment and send it again. If it is urgent, call 112.',
  },
  unavailable: {
    sv: 'Tjänsten är inte tillgänglig just nu. Försök igen om en liten stund. Är det bråttom, ring 112.',
    en: 'The service is not available right now. Try again in a little while. If it is urgent, call 112.',
  },
};

export function errorMessage(code: ErrorCode, language: Language): string {
  return ERROR_MESSAGES[code][language];
}

/** Field messages, keyed by a message id: zod issue codes or our own refinements' messages. */
const FIELD_MESSAGES: Record<string, Record<Language, string>> = {
  required: { sv: 'Fältet måste fyllas i.', en: 'This field is required.' },
  invalid_type: { sv: 'Fel typ av värde.', en: 'Wrong kind of value.' },
  too_small: { sv: 'Värdet är för kort eller för litet.', en: 'The value is too short or too small.' },
  too_big: { sv: 'Värdet är för långt eller för stort.', en: 'The value is too long or too large.' },
  invalid_format: { sv: 'Fel format.', en: 'Wrong format.' },
  invalid_value: { sv: 'Värdet är inte ett av de tillåtna.', en: 'The value is not one of the allowed ones.' },
  unrecognized_keys: { sv: 'Okänt fält.', en: 'Unknown field.' },
  invalid_identity_number: {
    sv: 'Ogiltigt person- eller samordningsnummer.',
    en: 'Invalid personal identity or coordination number.',
  },
  identity_number_taken: {
    sv: 'Det finns redan en person med detta personnummer i samverkansområdet.',
    en: 'A person with this identity number already exists in this collaboration area.',
  },
  email_taken: { sv: 'E-postadressen används redan.', en: 'The email address is already in use.' },
  unknown_reference: { sv: 'Hittar inte det som fältet pekar på.', en: 'What this field refers to cannot be found.' },
  guardian_is_self: { sv: 'En person kan inte vara sin egen vårdnadshavare.', en: 'A person cannot be their own guardian.' },
  protected_identity_beyond_access: {
    sv: 'Du kan inte sätta en skyddsnivå som du själv saknar behörighet till. Kontakta socialtjänsten.',
    en: 'You cannot set a protection level beyond your own access. Contact social services.',
  },
  reason_required: {
    sv: 'Personen har skyddad folkbokföring. Skriv kort varför du behöver läsa uppgifterna (3–200 tecken).',
    en: 'This person has protected population registration. Say briefly why you need to read the record (3–200 characters).',
  },
  use_identity_lookup: {
    sv: 'Sök inte på personnummer här. Använd sökningen på personnummer.',
    en: 'Do not search for identity numbers here. Use the identity number lookup.',
  },
  invalid_cursor: { sv: 'Sidmarkören är ogiltig. Börja om från första sidan.', en: 'The page cursor is invalid. Start again from the first page.' },
  invalid_range: { sv: 'Slutdatum måste vara efter startdatum.', en: 'The end must be after the start.' },
  invalid: { sv: 'Ogiltigt värde.', en: 'Invalid value.' },
  control_characters: {
    sv: 'Fältet innehåller osynliga styrtecken (till exempel nolltecken). Skriv in texten igen utan dem.',
    en: 'The field contains invisible control characters (such as a null character). Type the text again without them.',
  },
  organisation_name_taken: {
    sv: 'Det finns redan en organisation med detta namn i samverkansområdet.',
    en: 'An organisation with this name already exists in this collaboration area.',
  },
  organisation_inactive: {
    sv: 'Organisationen är inaktiverad. Aktivera den först.',
    en: 'The organisation is deactivated. Reactivate it first.',
  },
  membership_exists: {
    sv: 'Användaren har redan denna roll i denna organisation. Aktivera den befintliga i stället.',
    en: 'The user already has this role in this organisation. Reactivate the existing one instead.',
  },
  nothing_to_change: { sv: 'Ange minst en uppgift att ändra.', en: 'Give at least one thing to change.' },
  password_already_set: {
    sv: 'Användaren har redan valt ett lösenord och behöver ingen ny inbjudningslänk.',
    en: 'The user has already chosen a password and needs no new invitation link.',
  },
  cannot_demote_self: {
    sv: 'Du kan inte ta bort din egen administratörsroll.',
    en: 'You cannot remove your own administrator role.',
  },  // Concern channel (oro)
  association_required: { sv: 'Välj föreningen i listan eller skriv dess namn.', en: 'Choose the association from the list or type its name.' },
  not_for_reporter_role: { sv: 'Uppgiften hör inte till den roll du valt.', en: 'This does not belong to the role you chose.' },
  contact_required_for_professional: {
    sv: 'Som yrkesperson behöver du ange namn och telefonnummer eller e-postadress.',
    en: 'As a professional you need to give your name and a phone number or e-mail address.',
  },
  invalid_phone: { sv: 'Ange ett telefonnummer med siffror, till exempel 026-17 80 00.', en: 'Give a phone number in digits, for example 026-17 80 00.' },
  date_in_future: { sv: 'Datumet kan inte ligga i framtiden.', en: 'The date cannot be in the future.' },
  invalid_time: { sv: 'Ange tiden som TT:MM, till exempel 21:30.', en: 'Give the time as HH:MM, for example 21:30.' },
  duplicate_values: { sv: 'Samma val finns med flera gånger.', en: 'The same choice appears more than once.' },
  routing_requires_social_services: {
    sv: 'Oro för en person kan bara gå till socialtjänsten.',
    en: 'A concern about a person can only go to social services.',
  },
  concern_wrong_state: { sv: 'Anmälan är inte i ett läge där detta går att göra.', en: 'The report is not in a state where this can be done.' },
  identity_number_or_new_person: {
    sv: 'Ange antingen ett personnummer eller en ny person att registrera.',
    en: 'Give either an identity number or a new person to register.',
  },
  person_not_in_register: {
    sv: 'Ingen person med detta personnummer finns i registret. Registrera personen i stället.',
    en: 'No person with this identity number is in the register. Register the person instead.',
  },
  not_a_case_officer: {
    sv: 'Personen är inte handläggare i den mottagande organisationen.',
    en: 'This person is not a case officer in the receiving organisation.',
  },
  forward_target_invalid: {
    sv: 'Anmälan kan inte vidarebefordras dit. Oro för en person kan bara gå till en annan del av socialtjänsten.',
    en: 'The report cannot be forwarded there. A concern about a person can only go to another part of social services.',
  },
  // Associations (anmälningsansvarig)
  phone_or_email_required: {
    sv: 'Ange ett telefonnummer eller en e-postadress, så att hen går att nå.',
    en: 'Give a phone number or an e-mail address, so that they can be reached.',
  },
  // Consent (samtycke)
  consent_withdrawn: { sv: 'Samtycket är återkallat och kan inte ändras.', en: 'The consent has been withdrawn and cannot be changed.' },
  not_a_guardian: { sv: 'Personen är inte vårdnadshavare för den unga personen.', en: 'This person is not a guardian of the young person.' },
  guardian_not_for_adult: {
    sv: 'Den unga personen är 18 år eller äldre och samtycker själv. Vårdnadshavarens samtycke behövs inte.',
    en: 'The young person is 18 or older and consents alone. No guardian consent is needed.',
  },
  party_already_given: { sv: 'Samtycket från den här parten finns redan registrerat.', en: 'This party’s consent is already recorded.' },
  file_type_not_accepted: { sv: 'Ladda upp en PDF, JPEG eller PNG.', en: 'Upload a PDF, JPEG or PNG.' },
  file_type_mismatch: {
    sv: 'Filens innehåll stämmer inte med filtypen. Ladda upp en PDF, JPEG eller PNG.',
    en: 'The file’s content does not match its type. Upload a PDF, JPEG or PNG.',
  },
  file_empty: { sv: 'Filen är tom.', en: 'The file is empty.' },
  // SSPF cases
  case_person_unknown: { sv: 'Personen finns inte i registret.', en: 'The person is not in the register.' },
  case_already_open: { sv: 'Personen har redan ett pågående SSPF-ärende.', en: 'The person already has an open SSPF case.' },
  case_concern_not_linked: { sv: 'Orosanmälan är inte kopplad till den här personen.', en: 'The report of concern is not linked to this person.' },
  case_director_not_coordinator: { sv: 'Välj en SSPF-koordinator som ärendeansvarig.', en: 'Choose an SSPF coordinator as the responsible coordinator.' },
  case_wrong_transition: { sv: 'Ärendet kan inte gå till den statusen härifrån.', en: 'The case cannot move to that status from here.' },
  case_closed: { sv: 'Ärendet är avslutat.', en: 'The case is closed.' },
  decline_reason_required: { sv: 'Skriv kort varför ni tackar nej, så att koordinatorn kan planera om.', en: 'Say briefly why you decline, so that the coordinator can plan anew.' },
  consent_required: { sv: 'Det behövs ett samtycke som gäller innan ärendet kan gå vidare.', en: 'A consent in force is needed before the case can move on.' },
  case_consent_withdrawn: { sv: 'Samtycket har återkallats. Ärendet kan bara avslutas.', en: 'The consent has been withdrawn. The case can only be closed.' },
  case_consent_expired: { sv: 'Samtycket har gått ut. Hämta in ett nytt eller avsluta ärendet.', en: 'The consent has expired. Obtain a new one or close the case.' },
  plan_required: { sv: 'Planen behöver minst ett mål och en insats innan den kan bli aktiv.', en: 'The plan needs at least one goal and one action before it can become active.' },
  not_case_director: { sv: 'Bara den ärendeansvariga koordinatorn kan ändra status.', en: 'Only the responsible coordinator can change the status.' },
  case_member_no_membership: { sv: 'Personen har inget medlemskap i den organisationen.', en: 'This person has no membership in that organisation.' },
  case_member_exists: { sv: 'Personen finns redan i teamet.', en: 'This person is already on the team.' },
  case_guardian_unknown: { sv: 'Personen är inte vårdnadshavare till den unga.', en: 'This person is not a guardian of the young person.' },
  case_factor_own_category: { sv: 'Du kan bara anteckna uppgifter i din egen verksamhets kategori.', en: 'You can only record information in your own organisation’s category.' },
  case_responsible_not_on_team: { sv: 'Den ansvariga måste finnas i teamet.', en: 'The responsible party must be on the team.' },
  case_goal_unknown: { sv: 'Målet finns inte i ärendet.', en: 'The goal is not part of this case.' },
  case_action_unknown: { sv: 'En av insatserna finns inte i ärendet.', en: 'One of the actions is not part of this case.' },
  // Field reports (issue 13 §6)
  identity_number_in_text: {
    sv: 'Skriv inte personnummer i rapporten. En fältrapport beskriver platsen och stämningen, inte personer.',
    en: 'Do not write identity numbers in the report. A field report describes the place and the mood, not people.',
  },
  place_or_area_required: { sv: 'Välj platsen eller området.', en: 'Choose the place or the area.' },
  field_report_too_long: { sv: 'Ett pass kan vara högst 24 timmar.', en: 'An occasion can be at most 24 hours.' },
  field_report_id_taken: { sv: 'Rapporten kunde inte sparas. Skriv den igen.', en: 'The report could not be saved. Write it again.' },
  case_meeting_already_held: { sv: 'Mötet är redan registrerat som hållet. Registrera ett nytt möte i stället.', en: 'The meeting is already recorded as held. Record a new meeting instead.' },
  // The presence plan (issue 13 §2)
  invalid_date: { sv: 'Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-20.', en: 'Give the date as YYYY-MM-DD, for example 2026-03-20.' },
  invalid_week: { sv: 'Ange veckan som ÅÅÅÅ-Vnn, till exempel 2026-W12.', en: 'Give the week as YYYY-Wnn, for example 2026-W12.' },
  invalid_recurrence: { sv: 'Upprepningen går inte att läsa. Välj veckodagar i stället.', en: 'The repetition cannot be read. Choose weekdays instead.' },
  ends_before_starts: { sv: 'Slutdatumet måste vara samma dag som startdatumet eller senare.', en: 'The end date must be the start date or later.' },
  // Calendar feeds and time for collaboration (issue 13 §5, §7)
  calendar_feed_place_required: { sv: 'Välj vilken plats flödet ska visa.', en: 'Choose the place the feed shows.' },
  calendar_feed_place_only: { sv: 'Bara ett flöde för en plats har en plats.', en: 'Only a place feed has a place.' },
  calendar_feed_place_unknown: { sv: 'Platsen finns inte. Välj en plats i listan.', en: 'The place does not exist. Choose a place from the list.' },
  calendar_feed_limit: { sv: 'Du har redan tio kalenderflöden. Återkalla ett innan du skapar ett nytt.', en: 'You already have ten calendar feeds. Revoke one before you create another.' },
  invalid_month: { sv: 'Ange månaden som ÅÅÅÅ-MM, till exempel 2027-03.', en: 'Give the month as YYYY-MM, for example 2027-03.' },
  month_order: { sv: 'Sista månaden kan inte vara före den första.', en: 'The last month cannot be before the first.' },
  too_many_months: { sv: 'Välj högst 24 månader.', en: 'Choose at most 24 months.' },
  // Event reports (issue 14 §1)
  identity_number_in_event: {
    sv: 'Skriv inte personnummer i händelsen. En händelserapport beskriver vad som hände på platsen, inte vem.',
    en: 'Do not write identity numbers in the event. An event report describes what happened at the place, not who.',
  },
  identity_number_in_offer: {
    sv: 'Skriv inte personnummer i insatsen. En insats beskriver vad som erbjuds, inte vem som deltar.',
    en: 'Do not write identity numbers in the offer. An offer describes what is offered, not who takes part.',
  },
  // Forums (issue 15 §2)
  minutes_approved: {
    sv: 'Protokollet är justerat och kan inte ändras. Ta upp frågan på nästa möte.',
    en: 'The minutes are approved and cannot be changed. Take the matter up at the next meeting.',
  },
  not_a_member: { sv: 'Justeraren måste vara en namngiven medlem i forumet eller dess ordförande.', en: 'The approver must be a named member of the forum or its chair.' },
  one_owner: { sv: 'Välj en ansvarig person med konto eller skriv ett namn, inte båda.', en: 'Choose a responsible person with an account or type a name, not both.' },
  // The mentor programme (issue 15 §5)
  identity_number_in_mentor: { sv: 'Skriv inte personnummer här.', en: 'Do not write identity numbers here.' },
  mentor_user_not_mentor: { sv: 'Kontot har ingen aktiv mentorsroll i den organisationen.', en: 'The account has no active mentor role in that organisation.' },
  mentor_user_taken: { sv: 'Kontot är redan kopplat till en annan mentor.', en: 'The account is already linked to another mentor.' },
  mentor_checked_in_future: { sv: 'Kontrolldagen kan inte vara i framtiden.', en: 'The check date cannot be in the future.' },
  mentor_training_in_future: { sv: 'Utbildningen kan inte vara avslutad i framtiden.', en: 'The training cannot be completed in the future.' },
  mentor_meeting_in_future: { sv: 'Träffen kan inte loggas i förväg.', en: 'A meeting cannot be logged in advance.' },
  mentor_unknown: { sv: 'Mentorn finns inte i registret. Välj en mentor i listan.', en: 'The mentor is not in the register. Choose a mentor from the list.' },
  mentor_vetting_expired: {
    sv: 'Mentorns kontroll av registerutdrag är äldre än ett år. Registrera en ny kontroll innan mentorn matchas.',
    en: 'The mentor’s criminal-record check is more than a year old. Record a new check before matching.',
  },
  mentor_vetting_missing: { sv: 'Mentorns registerutdrag har inte kontrollerats. Registrera en kontroll först.', en: 'The mentor’s criminal-record extract has not been checked. Record a check first.' },
  mentor_consent_missing: {
    sv: 'Samtycket omfattar inte mentorns organisation. Utöka samtycket innan mentorn matchas.',
    en: 'The consent does not cover the mentor’s organisation. Extend the consent before matching.',
  },
  age_order: { sv: 'Den högsta åldern kan inte vara lägre än den lägsta.', en: 'The highest age cannot be lower than the lowest.' },
  invalid_language: { sv: 'Ange språket som en kod med två bokstäver, till exempel sv eller so.', en: 'Give the language as a two-letter code, for example sv or so.' },
  point_incomplete: { sv: 'Ange både latitud och longitud, eller ingen av dem.', en: 'Give both latitude and longitude, or neither.' },
  event_window_too_long: { sv: 'En händelse kan som mest pågå en vecka. Dela upp den.', en: 'An event can last at most a week. Split it up.' },
  unknown_category: { sv: 'Kategorin finns inte eller är avstängd. Välj en kategori i listan.', en: 'The category does not exist or is switched off. Choose a category from the list.' },
  invalid_category_code: { sv: 'Koden får bara ha små bokstäver a–z, siffror och understreck (2–40 tecken).', en: 'The code may only have lower-case letters a–z, digits and underscores (2–40 characters).' },
  category_exists: { sv: 'Det finns redan en kategori med den koden.', en: 'There is already a category with that code.' },
  event_already_reviewed: { sv: 'Händelsen är redan granskad.', en: 'The event has already been reviewed.' },
  // Places and areas (issue 13)
  position_required: { sv: 'Ange platsens läge på kartan eller som koordinater.', en: 'Give the place’s position on the map or as coordinates.' },
  digital_place_has_no_position: { sv: 'En digital arena har inget läge på kartan.', en: 'A digital arena has no position on the map.' },
  closes_before_opens: { sv: 'Stängningstiden måste vara efter öppningstiden.', en: 'The closing time must be after the opening time.' },
  area_name_required: { sv: 'Ge området ett namn (filen har inget namn för varje område).', en: 'Give the area a name (the file has no name for every area).' },
  geojson_not_object: { sv: 'Det här är inte GeoJSON. Klistra in en FeatureCollection, en Feature eller en Polygon.', en: 'This is not GeoJSON. Paste a FeatureCollection, a Feature or a Polygon.' },
  geojson_unsupported_type: { sv: 'Bara Polygon och MultiPolygon kan bli områden.', en: 'Only Polygon and MultiPolygon can become areas.' },
  geojson_no_polygons: { sv: 'Filen innehåller inga områden (Polygon eller MultiPolygon).', en: 'The file contains no areas (Polygon or MultiPolygon).' },
  geometry_coordinates_not_array: { sv: 'Koordinaterna saknas eller har fel form.', en: 'The coordinates are missing or have the wrong shape.' },
  geometry_position_invalid: { sv: 'En punkt ska vara [longitud, latitud] i siffror.', en: 'A point must be [longitude, latitude] in numbers.' },
  geometry_coordinate_out_of_range: {
    sv: 'En koordinat ligger utanför jorden: longitud −180–180, latitud −90–90 (står de i omvänd ordning?).',
    en: 'A coordinate is off the globe: longitude −180 to 180, latitude −90 to 90 (are they in reverse order?).',
  },
  geometry_ring_too_few_points: { sv: 'En yta behöver minst tre hörn (fyra punkter, där den sista är densamma som den första).', en: 'A shape needs at least three corners (four points, the last the same as the first).' },
  geometry_ring_not_closed: { sv: 'Ytan är inte sluten: den sista punkten måste vara densamma som den första.', en: 'The shape is not closed: the last point must be the same as the first.' },
  geometry_ring_self_intersects: { sv: 'Ytans kanter korsar varandra. Rita om den så att kanten inte korsar sig själv.', en: 'The shape’s edges cross each other. Redraw it so that its edge does not cross itself.' },
  // Directory (issue 15 §1)
  invalid_organisation_number: {
    sv: 'Organisationsnumret stämmer inte. Ange tio siffror, till exempel 802400-1234, och kontrollera den sista siffran.',
    en: 'The organisation number is not valid. Give ten digits, for example 802400-1234, and check the last digit.',
  },
  organisation_number_not_applicable: {
    sv: 'Bara företag och föreningar har organisationsnummer i katalogen.',
    en: 'Only businesses and associations carry an organisation number in the directory.',
  },
  role_other_required: { sv: 'Skriv vilken roll personen har.', en: 'Write which role the person has.' },
  unknown_organisation: { sv: 'Välj en organisation i listan.', en: 'Choose an organisation from the list.' },
  geometry_too_many_points: { sv: 'Området har för många punkter (högst 5 000). Förenkla det först.', en: 'The area has too many points (at most 5,000). Simplify it first.' },
  // Referrals (issue 15 §4, §6)
  referral_offer_ended: { sv: 'Insatsens period är slut. Välj en insats som pågår eller börjar senare.', en: 'The offer’s period has ended. Choose an offer that is running or starts later.' },
  referral_offer_unknown: { sv: 'Insatsen finns inte. Välj en insats i listan.', en: 'The offer does not exist. Choose an offer from the list.' },
  referral_guardian_unknown: { sv: 'Välj en av den ungas vårdnadshavare.', en: 'Choose one of the young person’s guardians.' },
  guardian_required: { sv: 'Välj vilken vårdnadshavare hänvisningen gäller.', en: 'Choose which guardian the referral is for.' },
  no_consent_in_force: { sv: 'Det finns inget gällande samtycke. Hänvisningen kräver samtycke.', en: 'There is no consent in force. A referral needs consent.' },
  guardians_not_agreed_to_contact: {
    sv: 'Samtycket säger inte att vårdnadshavarna vill bli kontaktade om stöd. Fråga dem och registrera ett nytt samtycke.',
    en: 'The consent does not say that the guardians agreed to be contacted about support. Ask them and record a new consent.',
  },
  offer_for_parents: { sv: 'Insatsen är för föräldrar. Hänvisa en vårdnadshavare, eller välj en insats för unga.', en: 'The offer is for parents. Refer a guardian, or choose an offer for young people.' },
  not_a_parent_offer: { sv: 'Välj ett föräldrastöd (föräldraprogram, mammagrupp eller hembesök).', en: 'Choose a parenting support offer (parent programme, mothers’ group or home visits).' },
  not_started: { sv: 'Registrera först när deltagandet startade.', en: 'Record first when the participation started.' },
  identity_number_in_referral: { sv: 'Skriv inte personnummer i hänvisningen.', en: 'Do not write identity numbers in the referral.' },
  // Housing exchange (issue 16)
  own_wish_required: { sv: 'Den unges egen önskan att flytta måste vara registrerad (vem och när) innan ett behov kan skapas.', en: 'The young person’s own wish to move must be recorded (by whom and when) before a request can be made.' },
  exit_support_required: { sv: 'Avhopparstöd måste finnas på plats innan behovet kan skickas.', en: 'Exit support must be in place before the request can be sent.' },
  min_five_acceptable: { sv: 'Ange minst fem godtagbara kommuner eller län.', en: 'Name at least five acceptable municipalities or regions.' },
  age_bands_household: { sv: 'Ange en åldersgrupp per person i hushållet.', en: 'Give one age band per household member.' },
  acceptable_and_avoided: { sv: 'Ett område kan inte vara både godtagbart och att undvika.', en: 'An area cannot be both acceptable and to be avoided.' },
  unknown_area: { sv: 'Okänd kommun- eller länskod.', en: 'Unknown municipality or region code.' },
  unknown_municipality: { sv: 'Okänd kommunkod.', en: 'Unknown municipality code.' },
  // The exchange between installations: pinning a partner (issue 16 §5)
  https_endpoint_required: { sv: 'Ange en adress som börjar med https://, utan användarnamn, frågor eller #.', en: 'Give an address starting with https://, without user name, query or #.' },
  already_pinned: { sv: 'Den installationen är redan tillagd som partner. Ändra den i listan i stället.', en: 'That installation is already a partner. Change it in the list instead.' },
  own_installation: { sv: 'Det här är den här installationens eget id. Ange partnerns id.', en: 'This is this installation’s own id. Give the partner’s id.' },
  not_an_ed25519_key: { sv: 'Det här är ingen publik Ed25519-nyckel.', en: 'This is not an Ed25519 public key.' },
  identity_number_in_exchange: { sv: 'Skriv inte personnummer i bostadsutbytet.', en: 'Do not write identity numbers in the housing exchange.' },
  exchange_unknown_case: { sv: 'Ärendet finns inte.', en: 'The case does not exist.' },
  exchange_not_officer: { sv: 'Medlemskapet har inte rollen utbytessamordnare.', en: 'The membership does not have the exchange officer role.' },
  exchange_not_housing_partner: { sv: 'Organisationen är inte ett bostadsbolag i utbytet.', en: 'The organisation is not a housing company in the exchange.' },
  exchange_unknown_request: { sv: 'Behovet finns inte eller är återkallat.', en: 'The request does not exist or has been withdrawn.' },
  exchange_unknown_offer: { sv: 'Erbjudandet finns inte eller passar inte behovet.', en: 'The offer does not exist or does not fit the request.' },
};

export function fieldMessage(id: string, language: Language): string {
  return (FIELD_MESSAGES[id] ?? FIELD_MESSAGES.invalid!)[language];
}
