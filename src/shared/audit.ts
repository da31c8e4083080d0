import { z } from 'zod';
import { token } from './text';

/** The API contract of access-log review (loggkontroll). */

export const AUDIT_OUTCOMES = ['allowed', 'denied', 'failed'] as const;
export const auditOutcomeSchema = z.enum(AUDIT_OUTCOMES);
export type AuditOutcomeKey = z.infer<typeof auditOutcomeSchema>;

export const AUDIT_OUTCOME_NAMES: Record<AuditOutcomeKey, { sv: string; en: string }> = {
  allowed: { sv: 'Tillåten', en: 'Allowed' },
  denied: { sv: 'Nekad', en: 'Denied' },
  failed: { sv: 'Misslyckad', en: 'Failed' },
};

/**
 * Names of the audited actions, shown in Loggkontroll. A new audited action adds its name here; a
 * client shows the raw action key for one it does not know.
 */
export const AUDIT_ACTION_NAMES: Record<string, { sv: string; en: string }> = {
  'person.create': { sv: 'Registrerade person', en: 'Registered person' },
  'person.read': { sv: 'Läste person', en: 'Read person' },
  'person.update': { sv: 'Ändrade person', en: 'Changed person' },
  'person.lookup': { sv: 'Sökte på personnummer', en: 'Looked up identity number' },
  'person.search': { sv: 'Sökte på namn', en: 'Searched by name' },
  'person.notes.read': { sv: 'Läste anteckningar', en: 'Read notes' },
  'person.notes.create': { sv: 'Skrev anteckning', en: 'Wrote note' },
  'audit_log.search': { sv: 'Sökte i åtkomstloggen', en: 'Searched the access log' },
  'audit_log.export': { sv: 'Exporterade åtkomstloggen', en: 'Exported the access log' },
  'audit_log.verify': { sv: 'Kontrollerade loggkedjan', en: 'Verified the log chain' },
  'audit_log.person_history': { sv: 'Granskade åtkomst till person', en: 'Reviewed access to person' },
  'audit_log.review': { sv: 'Visade loggranskningens flaggor', en: 'Viewed the log review’s flags' },
  'audit_log.review_settings.update': { sv: 'Ändrade trösklar för loggranskning', en: 'Changed the log review’s thresholds' },
  'audit_log.review_mark': { sv: 'Markerade flagga som granskad', en: 'Marked a flag reviewed' },
  'audit_log.sign_ins': { sv: 'Granskade inloggningar', en: 'Reviewed sign-ins' },
  // Concern channel (oro)
  'concern.submit': { sv: 'Orosanmälan inkom (allmänheten)', en: 'Concern received (public)' },
  'place_report.submit': { sv: 'Platsrapport inkom (allmänheten)', en: 'Place report received (public)' },
  'concern.list': { sv: 'Visade inkorgen för orosanmälningar', en: 'Viewed the concern inbox' },
  'concern.read': { sv: 'Läste orosanmälan', en: 'Read concern' },
  'concern.assign': { sv: 'Tilldelade orosanmälan', en: 'Assigned concern' },
  'concern.assess': { sv: 'Gjorde skyddsbedömning', en: 'Recorded protection assessment' },
  'concern.decide': { sv: 'Beslutade om utredning', en: 'Decided on investigation' },
  'concern.note': { sv: 'Skrev anteckning i orosanmälan', en: 'Wrote note on concern' },
  'concern.forward': { sv: 'Vidarebefordrade orosanmälan', en: 'Forwarded concern' },
  'concern.close': { sv: 'Avslutade orosanmälan', en: 'Closed concern' },
  'concern.link_person': { sv: 'Kopplade orosanmälan till person', en: 'Linked concern to person' },
  'concern.unlink_person': { sv: 'Tog bort koppling till person', en: 'Unlinked person from concern' },
  'concern.assignees': { sv: 'Visade möjliga handläggare', en: 'Listed possible case officers' },
  'concern.forward_targets': { sv: 'Visade möjliga mottagare', en: 'Listed possible recipients' },
  'concern.coordinators': { sv: 'Visade möjliga samordnare för SSPF', en: 'Listed possible SSPF coordinators' },
  'concern_routing.read': { sv: 'Visade regler för orosanmälningar', en: 'Viewed concern routing' },
  'concern_routing.update': { sv: 'Ändrade regler för orosanmälningar', en: 'Changed concern routing' },
  'concern_settings.read': { sv: 'Visade uppgifter för orosanmälningar', en: 'Viewed concern settings' },
  'concern_settings.update': { sv: 'Ändrade uppgifter för orosanmälningar', en: 'Changed concern settings' },
  // Places and areas (issue 13 §1)
  'place.list': { sv: 'Visade platsregistret', en: 'Viewed the place register' },
  'place.read': { sv: 'Visade plats', en: 'Viewed place' },
  'place.create': { sv: 'Lade till plats', en: 'Added place' },
  'place.update': { sv: 'Ändrade plats', en: 'Changed place' },
  'place.archive': { sv: 'Arkiverade plats', en: 'Archived place' },
  'place.restore': { sv: 'Återställde plats', en: 'Restored place' },
  'place.youth_hours.update': { sv: 'Ändrade ungdomstider', en: 'Changed youth hours' },
  'area.list': { sv: 'Visade områden', en: 'Viewed areas' },
  'area.read': { sv: 'Visade område', en: 'Viewed area' },
  'area.create': { sv: 'Lade till område', en: 'Added area' },
  'area.update': { sv: 'Ändrade område', en: 'Changed area' },
  'area.archive': { sv: 'Arkiverade område', en: 'Archived area' },
  'area.import': { sv: 'Importerade områden (GeoJSON)', en: 'Imported areas (GeoJSON)' },
  // Field reports (issue 13 §6)
  'field_report.create': { sv: 'Lämnade fältrapport', en: 'Filed field report' },
  'field_report.list': { sv: 'Visade fältrapporter', en: 'Viewed field reports' },
  'field_report.options': { sv: 'Öppnade formuläret för fältrapport', en: 'Opened the field report form' },
  // Event import (issue 14 §1)
  'event_import.preview': { sv: 'Förhandsgranskade import av händelser', en: 'Previewed an event import' },
  'event_import.import': { sv: 'Importerade händelser', en: 'Imported events' },
  // Event reports (issue 14 §1)
  'event_report.create': { sv: 'Rapporterade händelse', en: 'Reported event' },
  'event_report.create_batch': { sv: 'Rapporterade flera händelser', en: 'Reported several events' },
  'event_report.list': { sv: 'Visade händelserapporter', en: 'Viewed event reports' },
  'event_report.read': { sv: 'Visade händelserapport', en: 'Viewed event report' },
  'event_report.review': { sv: 'Granskade medborgares händelserapport', en: 'Reviewed a citizen’s event report' },
  'event_category.list': { sv: 'Visade händelsekategorier', en: 'Viewed event categories' },
  'event_category.create': { sv: 'Lade till händelsekategori', en: 'Added event category' },
  'event_category.update': { sv: 'Ändrade händelsekategori', en: 'Changed event category' },
  // The presence plan (issue 13 §2–3)
  'presence.list': { sv: 'Visade närvaroplanen', en: 'Viewed the presence plan' },
  'presence.week': { sv: 'Visade veckoplanen', en: 'Viewed the week plan' },
  'presence.coverage': { sv: 'Visade täckning', en: 'Viewed coverage' },
  'presence.read': { sv: 'Visade planerad närvaro', en: 'Viewed planned presence' },
  'presence.create': { sv: 'Planerade närvaro', en: 'Planned presence' },
  'presence.update': { sv: 'Ändrade planerad närvaro', en: 'Changed planned presence' },
  'presence.cancel': { sv: 'Ställde in planerad närvaro', en: 'Cancelled planned presence' },
  'school_holiday.list': { sv: 'Visade skollov', en: 'Viewed school holidays' },
  'school_holiday.create': { sv: 'Lade till skollov', en: 'Added school holiday' },
  'school_holiday.update': { sv: 'Ändrade skollov', en: 'Changed school holiday' },
  'school_holiday.delete': { sv: 'Tog bort skollov', en: 'Removed school holiday' },
  // Calendar feeds and time for collaboration (issue 13 §5, §7)
  'calendar_feed.list': { sv: 'Visade sina kalenderflöden', en: 'Viewed own calendar feeds' },
  'calendar_feed.create': { sv: 'Skapade kalenderflöde', en: 'Created calendar feed' },
  'calendar_feed.regenerate': { sv: 'Skapade ny adress för kalenderflöde', en: 'Regenerated calendar feed address' },
  'calendar_feed.revoke': { sv: 'Återkallade kalenderflöde', en: 'Revoked calendar feed' },
  'calendar_feed.fetch': { sv: 'Kalenderflöde hämtades', en: 'Calendar feed fetched' },
  'collaboration_time.read': { sv: 'Visade tid för samverkan', en: 'Viewed time for collaboration' },
  'collaboration_time.export': { sv: 'Exporterade tid för samverkan (CSV)', en: 'Exported time for collaboration (CSV)' },
  // The weekly lägesbild (issue 14 §2)
  'lagesbild.read': { sv: 'Visade veckans lägesbild', en: 'Viewed the weekly lägesbild' },
  'lagesbild.read_sent': { sv: 'Visade en skickad lägesbild', en: 'Viewed a sent lägesbild' },
  'lagesbild.analyse': { sv: 'Skrev analys i veckans lägesbild', en: 'Wrote the weekly lägesbild’s analysis' },
  'lagesbild.close': { sv: 'Stängde veckans lägesbild', en: 'Closed the weekly lägesbild' },
  'lagesbild.reopen': { sv: 'Öppnade veckans lägesbild igen', en: 'Reopened the weekly lägesbild' },
  'lagesbild.send': { sv: 'Skickade veckans lägesbild', en: 'Sent the weekly lägesbild' },
  'lagesbild.print': { sv: 'Skrev ut veckans lägesbild (PDF)', en: 'Printed the weekly lägesbild (PDF)' },
  'lagesbild.settings_read': { sv: 'Visade gränsen för små tal', en: 'Viewed the small-count threshold' },
  'lagesbild.settings_update': { sv: 'Ändrade gränsen för små tal', en: 'Changed the small-count threshold' },
  // Place actions and the action plan (issue 14 §3)
  'place_action.list': { sv: 'Visade åtgärder', en: 'Viewed place actions' },
  'place_action.read': { sv: 'Visade åtgärd', en: 'Viewed place action' },
  'place_action.decide': { sv: 'Beslutade åtgärd', en: 'Decided place action' },
  'place_action.update': { sv: 'Ändrade åtgärd', en: 'Changed place action' },
  'place_action.status': { sv: 'Ändrade åtgärdens status', en: 'Changed place action status' },
  'place_action.effect': { sv: 'Visade åtgärdens effekt', en: 'Viewed place action effect' },
  'action_plan.read': { sv: 'Visade åtgärdsplan', en: 'Viewed action plan' },
  'action_plan.write': { sv: 'Ändrade åtgärdsplan', en: 'Changed action plan' },
  'action_plan.adopt': { sv: 'Antog åtgärdsplan', en: 'Adopted action plan' },
  'action_plan.review': { sv: 'Lade till uppföljning av åtgärdsplan', en: 'Added action plan review' },
  'action_plan.print': { sv: 'Skrev ut åtgärdsplan (PDF)', en: 'Printed action plan (PDF)' },
  // Offers, the insatskatalog (issue 15 §3)
  'offer.list': { sv: 'Visade insatskatalogen', en: 'Viewed the offer catalogue' },
  'offer.read': { sv: 'Visade insats i katalogen', en: 'Viewed offer' },
  'offer.create': { sv: 'Lade till insats i katalogen', en: 'Added offer' },
  'offer.update': { sv: 'Ändrade insats i katalogen', en: 'Changed offer' },
  'offer.archive': { sv: 'Arkiverade insats i katalogen', en: 'Archived offer' },
  // Forums, samverkansforum (issue 15 §2)
  'forum.list': { sv: 'Visade listan över samverkansforum', en: 'Viewed the list of forums' },
  'forum.read': { sv: 'Visade samverkansforum', en: 'Viewed forum' },
  'forum.create': { sv: 'Skapade samverkansforum', en: 'Created forum' },
  'forum_meeting.create': { sv: 'Planerade forummöte', en: 'Planned forum meeting' },
  'forum_meeting.read': { sv: 'Läste forummötets protokoll', en: 'Read forum meeting minutes' },
  'forum_meeting.record': { sv: 'Förde protokoll och närvaro', en: 'Recorded minutes and attendance' },
  'forum_meeting.approve': { sv: 'Justerade protokoll', en: 'Approved minutes' },
  'forum_meeting.print': { sv: 'Skrev ut protokoll (PDF)', en: 'Printed minutes (PDF)' },
  'forum_decision.create': { sv: 'Fattade beslut i forum', en: 'Recorded forum decision' },
  'forum_decision.status': { sv: 'Följde upp beslut i forum', en: 'Followed up forum decision' },
  // The mentor programme (issue 15 §5)
  'mentor.list': { sv: 'Visade mentorsregistret', en: 'Viewed the mentor register' },
  'mentor.read': { sv: 'Visade mentor', en: 'Viewed mentor' },
  'mentor.create': { sv: 'Registrerade mentor', en: 'Registered mentor' },
  'mentor.update': { sv: 'Ändrade mentor', en: 'Changed mentor' },
  'mentor.vetting_record': { sv: 'Registrerade kontroll av registerutdrag för mentor', en: 'Recorded mentor criminal-record check' },
  'mentor.training_record': { sv: 'Registrerade mentors utbildning', en: 'Recorded mentor training' },
  'mentor.match_read': { sv: 'Visade mentor för insats', en: 'Viewed the mentor of an action' },
  'mentor.match': { sv: 'Matchade mentor till insats', en: 'Matched mentor to action' },
  'mentor.mine': { sv: 'Visade sina mentorsträffar', en: 'Viewed own mentor meetings' },
  'mentor_meeting.list': { sv: 'Visade mentorns träfflogg', en: 'Viewed the mentor meeting log' },
  'mentor_meeting.create': { sv: 'Loggade mentorsträff', en: 'Logged mentor meeting' },
  // Referrals (hänvisningar) to offers (issue 15 §4, §6, §7)
  'exchange_partner.list': { sv: 'Visade partnerinstallationer i bostadsutbytet', en: 'Viewed the housing exchange\'s partner installations' },
  'exchange_partner.pin': { sv: 'Fäste en partnerinstallations nyckel (bostadsutbytet)', en: 'Pinned a partner installation\'s key (housing exchange)' },
  'exchange_partner.update': { sv: 'Ändrade en partnerinstallation (bostadsutbytet)', en: 'Changed a partner installation (housing exchange)' },
  'exchange_partner.unpin': { sv: 'Tog bort en partnerinstallation (bostadsutbytet)', en: 'Unpinned a partner installation (housing exchange)' },
  'referral.create': { sv: 'Hänvisade till insats från planen', en: 'Referred to an offer from the plan' },
  'referral.create_parent': { sv: 'Hänvisade förälder till föräldrastöd (utan ärende)', en: 'Referred a parent to parenting support (no case)' },
  'referral.list': { sv: 'Visade hänvisningar', en: 'Listed referrals' },
  'referral.case_list': { sv: 'Visade ärendets hänvisningar', en: 'Viewed the case’s referrals' },
  'referral.read': { sv: 'Visade hänvisning', en: 'Viewed referral' },
  'referral.answer': { sv: 'Svarade på hänvisning', en: 'Answered referral' },
  'referral.progress': { sv: 'Registrerade start eller närvaro för hänvisning', en: 'Recorded start or attendance of a referral' },
  'referral.outcome': { sv: 'Registrerade utfall för hänvisning', en: 'Recorded the outcome of a referral' },
  'referral.promoted': { sv: 'Hänvisning flyttades från väntelistan', en: 'Referral moved off the waiting list' },
  'referral.figures': { sv: 'Visade hänvisningssiffror för insats', en: 'Viewed referral figures for an offer' },
  'referral.placements': { sv: 'Visade placeringar per företag', en: 'Viewed placements per business' },
  // The housing exchange between municipalities (issue 16)
  'exchange.participation_read': { sv: 'Visade kommunens deltagande i bostadsutbytet', en: 'Viewed the municipality’s housing exchange participation' },
  'exchange.participation_candidates': { sv: 'Visade möjliga utbytessamordnare och bostadsbolag', en: 'Viewed possible exchange officers and housing companies' },
  'exchange.participation_update': { sv: 'Beslutade om deltagande i bostadsutbytet', en: 'Decided on housing exchange participation' },
  'exchange.participation_leave': { sv: 'Lämnade bostadsutbytet', en: 'Left the housing exchange' },
  'exchange.case_options': { sv: 'Visade SSPF-ärenden att göra ett bostadsbehov från', en: 'Viewed SSPF cases to make a housing request from' },
  'exchange.partners': { sv: 'Visade kommunerna i bostadsutbytet', en: 'Viewed the municipalities in the housing exchange' },
  'exchange.request_list': { sv: 'Listade egna bostadsbehov', en: 'Listed own housing requests' },
  'exchange.request_create': { sv: 'Skapade bostadsbehov', en: 'Created a housing request' },
  'exchange.request_read': { sv: 'Visade bostadsbehov', en: 'Viewed a housing request' },
  'exchange.request_publish': { sv: 'Skickade bostadsbehov till utbytet', en: 'Sent a housing request to the exchange' },
  'exchange.request_withdraw': { sv: 'Återkallade bostadsbehov', en: 'Withdrew a housing request' },
  'exchange.match_propose': { sv: 'Föreslog matchning i bostadsutbytet', en: 'Proposed a housing exchange match' },
  'exchange.incoming_request_list': { sv: 'Visade inkomna bostadsbehov', en: 'Listed incoming housing requests' },
  'exchange.incoming_request_read': { sv: 'Visade inkommet bostadsbehov', en: 'Viewed an incoming housing request' },
  'exchange.unsuitable_mark': { sv: 'Markerade erbjudanden som olämpliga för ett behov', en: 'Marked offers unsuitable for a request' },
  'exchange.offer_list': { sv: 'Visade bostadserbjudanden', en: 'Listed housing offers' },
  'exchange.offer_create': { sv: 'Lämnade bostadserbjudande', en: 'Made a housing offer' },
  'exchange.offer_withdraw': { sv: 'Återkallade bostadserbjudande', en: 'Withdrew a housing offer' },
  'exchange.incoming_offer_list': { sv: 'Visade inkomna bostadserbjudanden', en: 'Listed incoming housing offers' },
  'exchange.match_list': { sv: 'Visade matchningar i bostadsutbytet', en: 'Listed housing exchange matches' },
  'exchange.match_read': { sv: 'Visade matchning i bostadsutbytet', en: 'Viewed a housing exchange match' },
  'exchange.match_accept': { sv: 'Godtog matchning i bostadsutbytet', en: 'Accepted a housing exchange match' },
  'exchange.match_decline': { sv: 'Avböjde matchning i bostadsutbytet', en: 'Declined a housing exchange match' },
  'exchange.match_confirm': { sv: 'Bekräftade matchning i bostadsutbytet', en: 'Confirmed a housing exchange match' },
  'exchange.move_schedule': { sv: 'Planerade flyttdatum i bostadsutbytet', en: 'Scheduled a move in the housing exchange' },
  'exchange.move_complete': { sv: 'Registrerade genomförd flytt i bostadsutbytet', en: 'Recorded a completed move in the housing exchange' },
  'exchange.followup_record': { sv: 'Registrerade uppföljning efter flytt', en: 'Recorded the follow-up after a move' },
  'exchange.sealed_send': { sv: 'Skickade förseglat meddelande', en: 'Sent a sealed message' },
  'exchange.sealed_open': { sv: 'Öppnade förseglat meddelande', en: 'Opened a sealed message' },
  'exchange.reciprocity': { sv: 'Visade ömsesidighet i bostadsutbytet', en: 'Viewed housing exchange reciprocity' },
  'exchange.message_received': { sv: 'Meddelande från utbytespartner', en: 'Message from an exchange partner' },
  // Administration
  'directory.search': { sv: 'Sökte i katalogen', en: 'Searched the directory' },
  'directory.organisation_number': { sv: 'Ändrade organisationsnummer', en: 'Changed organisation number' },
  'key_person.create': { sv: 'Lade till nyckelperson', en: 'Added key person' },
  'key_person.update': { sv: 'Ändrade nyckelperson', en: 'Changed key person' },
  'key_person.delete': { sv: 'Tog bort nyckelperson', en: 'Removed key person' },
  'organisation.list': { sv: 'Visade organisationer', en: 'Listed organisations' },
  'organisation.read': { sv: 'Visade organisation', en: 'Viewed organisation' },
  'organisation.create': { sv: 'Lade till organisation', en: 'Added organisation' },
  'organisation.update': { sv: 'Ändrade organisation', en: 'Changed organisation' },
  'organisation.deactivate': { sv: 'Inaktiverade organisation', en: 'Deactivated organisation' },
  'organisation.reactivate': { sv: 'Återaktiverade organisation', en: 'Reactivated organisation' },
  'user.list': { sv: 'Visade användarlistan', en: 'Listed users' },
  'user.read': { sv: 'Visade användare', en: 'Viewed user' },
  'user.invite': { sv: 'Bjöd in användare', en: 'Invited user' },
  'user.invitation_reissue': { sv: 'Skickade inbjudan igen', en: 'Sent the invitation again' },
  'user.deactivate': { sv: 'Inaktiverade användare', en: 'Deactivated user' },
  'membership.create': { sv: 'Gav behörighet', en: 'Granted membership' },
  'membership.update': { sv: 'Ändrade behörighet', en: 'Changed membership' },
  'membership.deactivate': { sv: 'Inaktiverade behörighet', en: 'Deactivated membership' },
  'membership.reactivate': { sv: 'Återaktiverade behörighet', en: 'Reactivated membership' },
  'membership.accept': { sv: 'Tog emot inbjudan', en: 'Accepted invitation' },
  'membership.decline': { sv: 'Tackade nej till inbjudan', en: 'Declined invitation' },
  'notification.list': { sv: 'Visade aviseringar', en: 'Listed notifications' },
  'notification.read': { sv: 'Markerade avisering som läst', en: 'Marked notification read' },
  'notification.read_all': { sv: 'Markerade alla aviseringar som lästa', en: 'Marked all notifications read' },
  'notification.subscription.list': { sv: 'Visade prenumerationer på inkorgar', en: 'Listed inbox subscriptions' },
  'notification.subscription.update': { sv: 'Ändrade prenumeration på inkorg', en: 'Changed inbox subscription' },
  // SSPF: the lawful-sharing guide, consent and cases
  'sharing.question': { sv: 'Frågade "Får vi dela?"', en: 'Asked "May we share?"' },
  'sharing.rules': { sv: 'Visade reglerna för delning', en: 'Viewed the sharing rules' },
  'sharing.review_list': { sv: 'Visade granskningen av reglerna för delning', en: 'Viewed the review of the sharing rules' },
  'sharing.review_pack': { sv: 'Skrev ut granskningsunderlaget för delning', en: 'Printed the sharing rules review pack' },
  'sharing.rule_review': { sv: 'Granskade en regel för delning', en: 'Reviewed a sharing rule' },
  'sharing.rule_disable': { sv: 'Stängde av en regel för delning', en: 'Disabled a sharing rule' },
  'sharing.rule_enable': { sv: 'Slog på en regel för delning igen', en: 'Enabled a sharing rule again' },
  'consent.list': { sv: 'Visade samtycken', en: 'Listed consents' },
  'consent.read': { sv: 'Läste samtycke', en: 'Read consent' },
  'consent.create': { sv: 'Registrerade samtycke', en: 'Recorded consent' },
  'consent.party.record': { sv: 'Registrerade att en part samtyckt', en: 'Recorded a party’s consent' },
  'consent.document.upload': { sv: 'Laddade upp underskriven samtyckesblankett', en: 'Uploaded signed consent form' },
  'consent.document.read': { sv: 'Öppnade underskriven samtyckesblankett', en: 'Opened signed consent form' },
  'consent.form.print': { sv: 'Skrev ut samtyckesblankett', en: 'Printed consent form' },
  'consent.withdraw': { sv: 'Registrerade återkallat samtycke', en: 'Recorded withdrawal of consent' },
  'consent_settings.read': { sv: 'Visade inställning för samtycke', en: 'Viewed consent setting' },
  'consent_settings.update': { sv: 'Ändrade ålder för eget samtycke', en: 'Changed the age of own consent' },
  'case.list': { sv: 'Visade SSPF-ärenden', en: 'Listed SSPF cases' },
  'case.open': { sv: 'Öppnade SSPF-ärende', en: 'Opened SSPF case' },
  'case.read': { sv: 'Läste SSPF-ärende', en: 'Read SSPF case' },
  'case.transition': { sv: 'Ändrade status i SSPF-ärende', en: 'Changed SSPF case status' },
  'case.close': { sv: 'Avslutade SSPF-ärende', en: 'Closed SSPF case' },
  'case.candidates': { sv: 'Visade möjliga teammedlemmar', en: 'Listed possible team members' },
  'case.member_add': { sv: 'Lade till teammedlem', en: 'Added team member' },
  'case.member_remove': { sv: 'Tog bort teammedlem', en: 'Removed team member' },
  'case.guardian_participation': { sv: 'Registrerade vårdnadshavares deltagande', en: 'Recorded guardian participation' },
  'case.factor_add': { sv: 'Lade till faktor i kartläggning', en: 'Added mapping factor' },
  'case.factor_update': { sv: 'Ändrade faktor i kartläggning', en: 'Changed mapping factor' },
  'case.goal_add': { sv: 'Lade till mål i åtagandeplan', en: 'Added plan goal' },
  'case.action_add': { sv: 'Lade till insats', en: 'Added action' },
  'case.action_update': { sv: 'Ändrade insats', en: 'Changed action' },
  'case.meeting_add': { sv: 'Registrerade möte', en: 'Recorded meeting' },
  'case.meeting_held': { sv: 'Registrerade planerat möte som hållet', en: 'Recorded planned meeting as held' },
  'case.protected_identity_decision': { sv: 'Beslutade om delning (skyddad identitet)', en: 'Decided on sharing (protected identity)' },
  'case.plan_exported': { sv: 'Skrev ut åtagandeplan', en: 'Printed commitment plan' },
  'person.chronology': { sv: 'Läste kronologi för person', en: 'Read person’s chronology' },
  'attention.read': { sv: 'Visade startsidans att göra-lista', en: 'Viewed the start page’s to-do cards' },
  // Rights of the person and retention
  'person.register_extract': { sv: 'Tog fram registerutdrag', en: 'Produced register extract' },
  'retention.run': { sv: 'Gallring kördes', en: 'Retention run' },
  'retention.settings.read': { sv: 'Visade gallringsfrister', en: 'Viewed retention periods' },
  'retention.settings.update': { sv: 'Ändrade gallringsfrister', en: 'Changed retention periods' },
  'retention.settings.confirm': { sv: 'Bekräftade gallringsfrister', en: 'Confirmed retention periods' },
  'audit.purge': { sv: 'Gallrade gamla loggposter', en: 'Purged old log events' },
};

export function auditActionName(action: string, language: 'sv' | 'en'): string {
  return AUDIT_ACTION_NAMES[action]?.[language] ?? action;
}

/**
 * The kinds of event in the security log for sign-in (server/audit/security-log.ts), shown in
 * Loggkontroll's "Inloggningar". Kept apart from the access log's actions: they are another log.
 */
export const SECURITY_EVENT_KINDS = [
  'sign_in.succeeded',
  'sign_in.failed',
  'sign_in.locked',
  'sign_in.refused_locked',
  'two_factor.failed',
  'sso.refused',
  'password.changed',
  'session.revoked_all',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export const SECURITY_EVENT_NAMES: Record<SecurityEventKind, { sv: string; en: string }> = {
  'sign_in.succeeded': { sv: 'Loggade in', en: 'Signed in' },
  'sign_in.failed': { sv: 'Misslyckad inloggning (fel lösenord eller adress)', en: 'Failed sign-in (wrong password or address)' },
  'sign_in.locked': { sv: 'Inloggningen spärrades efter för många försök', en: 'Sign-in locked after too many attempts' },
  'sign_in.refused_locked': { sv: 'Inloggningsförsök under spärr', en: 'Sign-in attempt while locked' },
  'two_factor.failed': { sv: 'Fel kod i tvåstegsverifieringen', en: 'Wrong two-factor code' },
  'sso.refused': { sv: 'Inloggning via identitetsleverantör nekades', en: 'Single sign-on refused' },
  'password.changed': { sv: 'Bytte lösenord', en: 'Changed password' },
  'session.revoked_all': { sv: 'Loggade ut från alla enheter', en: 'Signed out everywhere' },
};

export function securityEventName(kind: string, language: 'sv' | 'en'): string {
  return SECURITY_EVENT_NAMES[kind as SecurityEventKind]?.[language] ?? kind;
}

export const AUDIT_PAGE_SIZE_DEFAULT = 50;
export const AUDIT_PAGE_SIZE_MAX = 200;
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

/** Filters shared by the search and the CSV export. `from` is inclusive, `to` exclusive (ISO 8601 with offset). */
const auditFilterShape = {
  /** better-auth user ids are text, not uuids. */
  userId: token().min(1).max(100).optional(),
  personId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
  action: token()
    .regex(/^[a-z0-9_.]+$/)
    .max(100)
    .optional(),
  outcome: auditOutcomeSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};

const pageShape = {
  /** The `nextCursor` of the previous page; omit for the newest events. */
  cursor: token().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_SIZE_MAX).default(AUDIT_PAGE_SIZE_DEFAULT),
};

export const auditSearchQuerySchema = z.object({ ...auditFilterShape, ...pageShape }).strict();
export type AuditSearchQuery = z.infer<typeof auditSearchQuerySchema>;
export type AuditFilters = Omit<AuditSearchQuery, 'cursor' | 'limit'>;

export const auditExportQuerySchema = z
  .object({
    ...auditFilterShape,
    /** Swedish Excel expects semicolons; `comma` gives RFC 4180 CSV. */
    separator: z.enum(['semicolon', 'comma']).default('semicolon'),
  })
  .strict();
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;

export const auditPersonHistoryQuerySchema = z
  .object({ from: auditFilterShape.from, to: auditFilterShape.to, ...pageShape })
  .strict();
export const auditPersonParamsSchema = z.object({ personId: z.uuid() }).strict();

export const auditEventRowSchema = z.object({
  id: z.uuid(),
  occurredAt: z.string(),
  lane: z.number().int(),
  seq: z.number().int(),
  /** `null` for system events; `name`/`email` are `null` when the account no longer exists. */
  actor: z.object({ userId: z.string(), name: z.string().nullable(), email: z.string().nullable() }).nullable(),
  organisation: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
  /** A role key (see `ROLES` in shared/roles.ts) at the time of the event. */
  role: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  /** `name` is `null` when the person has since been removed (gallring). */
  person: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
  legalBasis: z.string().nullable(),
  outcome: auditOutcomeSchema,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEventRow = z.infer<typeof auditEventRowSchema>;

export const auditSearchResultSchema = z.object({
  events: z.array(auditEventRowSchema),
  /** Pass as `cursor` for the next (older) page; `null` on the last page. */
  nextCursor: z.string().nullable(),
});
export type AuditSearchResult = z.infer<typeof auditSearchResultSchema>;

export const auditPersonHistorySchema = auditSearchResultSchema.extend({
  /** The person's summary, or `null` when the record no longer exists (the events remain). */
  person: z
    .object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), birthDate: z.string() })
    .nullable(),
});
export type AuditPersonHistory = z.infer<typeof auditPersonHistorySchema>;

export const auditVerificationSchema = z.object({
  eventsChecked: z.number().int(),
  intact: z.boolean(),
  firstBrokenLink: z
    .object({
      lane: z.number().int(),
      seq: z.number().int(),
      reason: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'sequence_gap', 'head_mismatch']),
    })
    .nullable(),
  checkedAt: z.string(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
