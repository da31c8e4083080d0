import { createStore, get, set, type UseStore } from 'idb-keyval';
import type { EventReportOptions } from '../../../shared/event-reports';
import type { SessionInfo } from '../../../shared/session';
import type { AreaList, PlaceList } from '../../../shared/places';
import type { EventCategory } from '../../../shared/event-reports';

/**
 * What the report form needs to open without a connection: who writes (user, tenant, organisation),
 * the active categories, and the places and areas by name. Kept on the phone after each visit online,
 * as the field report keeps its profile; it holds nothing about a person.
 */
export interface CachedEventProfile {
  userId: string;
  role: string;
  options: EventReportOptions;
}

let store: UseStore | null = null;
const profiles = () => (store ??= createStore('samverka-event-report-form', 'profile'));

export async function saveEventProfile(profile: CachedEventProfile): Promise<void> {
  await set('current', profile, profiles());
}

export async function cachedEventProfile(): Promise<CachedEventProfile | null> {
  return (await get<CachedEventProfile>('current', profiles())) ?? null;
}

/** The form's options from the session and the three lists the server gives every member. */
export function buildOptions(active: NonNullable<SessionInfo['active']>, categories: readonly EventCategory[], places: PlaceList, areas: AreaList): EventReportOptions {
  return {
    tenantId: active.tenantId,
    organisation: { id: active.organisationId, name: active.organisationName },
    categories: categories.filter((category) => category.active),
    places: places.places.map((place) => ({ id: place.id, name: place.name, areaId: place.areaId, latitude: place.position?.latitude ?? null, longitude: place.position?.longitude ?? null })),
    areas: areas.areas.filter((area) => area.active).map((area) => ({ id: area.id, name: area.name })),
  };
}
