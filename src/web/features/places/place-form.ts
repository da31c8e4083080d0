import { z } from 'zod';
import { ApiError, isApiError } from '../../api/client';
import { WEEKDAYS, type OpeningHours, type Place, type PlaceInput, type PlaceType } from '../../../shared/places';

const text = z.string();
const day = z.object({ opens: text, closes: text });

/** The form's values: text as typed. The server's schema (src/shared/places.ts) is the one that decides. */
export const placeFormSchema = z.object({
  name: z.string().trim().min(2).max(200),
  type: z.string(),
  latitude: text,
  longitude: text,
  address: text,
  digitalLocation: text,
  areaId: text,
  responsibleOrganisationId: text,
  contactName: text,
  contactPhone: text,
  contactEmail: text,
  notes: text,
  hours: z.object({ '1': day, '2': day, '3': day, '4': day, '5': day, '6': day, '7': day }),
});
export type PlaceFormValues = z.infer<typeof placeFormSchema>;

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
const number = (value: string) => Number(value.trim().replace(',', '.'));

export function formValuesOf(place: Place | null): PlaceFormValues {
  const hours = Object.fromEntries(
    WEEKDAYS.map((weekday) => {
      const first = place?.openingHours[String(weekday) as '1']?.[0];
      return [String(weekday), { opens: first?.opens ?? '', closes: first?.closes ?? '' }];
    }),
  ) as PlaceFormValues['hours'];
  return {
    name: place?.name ?? '',
    type: place?.type ?? 'fritidsgard',
    latitude: place?.position ? String(place.position.latitude) : '',
    longitude: place?.position ? String(place.position.longitude) : '',
    address: place?.address ?? '',
    digitalLocation: place?.digitalLocation ?? '',
    areaId: place?.areaId ?? '',
    responsibleOrganisationId: place?.responsibleOrganisationId ?? '',
    contactName: place?.contactName ?? '',
    contactPhone: place?.contactPhone ?? '',
    contactEmail: place?.contactEmail ?? '',
    notes: place?.notes ?? '',
    hours,
  };
}

/**
 * The API's input from the form. The area is sent only when the user chose one that differs from the
 * one found automatically, so a moved place finds its new area.
 */
export function inputOf(values: PlaceFormValues, place: Place | null, areaChosen: boolean): PlaceInput {
  const digital = values.type === 'digital';
  const hasPosition = values.latitude.trim() !== '' || values.longitude.trim() !== '';
  const openingHours: OpeningHours = {};
  for (const weekday of WEEKDAYS) {
    const day = values.hours[String(weekday) as '1'];
    if (day.opens.trim() || day.closes.trim()) openingHours[String(weekday) as '1'] = [{ opens: day.opens.trim(), closes: day.closes.trim() }];
  }
  return {
    name: values.name.trim(),
    type: values.type as PlaceType,
    position: !digital && hasPosition ? { latitude: number(values.latitude), longitude: number(values.longitude) } : null,
    geometry: digital ? null : (place?.geometry ?? null),
    address: digital ? null : orNull(values.address),
    digitalLocation: digital ? orNull(values.digitalLocation) : null,
    areaId: digital || !areaChosen ? null : orNull(values.areaId),
    responsibleOrganisationId: orNull(values.responsibleOrganisationId),
    contactName: orNull(values.contactName),
    contactPhone: orNull(values.contactPhone),
    contactEmail: orNull(values.contactEmail),
    openingHours,
    notes: orNull(values.notes),
  };
}

/** The server names API fields (`position`, `openingHours.5.0.closes`); the form's are named for what is typed. */
export function toFormErrors(error: unknown): unknown {
  if (!isApiError(error)) return error;
  const fields: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fields)) {
    const hours = /^openingHours\.(\d)\.0\.(opens|closes)$/.exec(path) ?? /^openingHours\.(\d)/.exec(path);
    if (path.startsWith('position')) fields[path.endsWith('longitude') ? 'longitude' : 'latitude'] = message;
    else if (path === 'geometry') fields.latitude = message;
    else if (hours) fields[`hours.${hours[1]}.${hours[2] ?? 'opens'}`] = message;
    else fields[path] = message;
  }
  return new ApiError(error.status, error.code, error.message, fields, error.retryAfterSeconds);
}
