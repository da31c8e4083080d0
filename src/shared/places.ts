import { z } from 'zod';
import { abilitiesSchema } from './organisations';
import { line, multiline } from './text';
import { readAreaImport, validateAreaGeometry, type AreaGeometry } from './geojson';

/**
 * Places (arenor) and areas (områden), issue 13 §1. A place is where young people are: a school, a
 * fritidsgård, a square, or a digital arena (a game server, a platform) that has no position. Places
 * hold no personal data about young people; the contact person is staff.
 */

export const PLACE_TYPES = [
  'skola',
  'fritidsgard',
  'idrottshall',
  'foreningslokal',
  'bibliotek',
  'centrum_torg',
  'park_utomhus',
  'kopcentrum',
  'kollektivtrafiknod',
  'bostadsomrade',
  'digital',
] as const;
export const placeTypeSchema = z.enum(PLACE_TYPES);
export type PlaceType = z.infer<typeof placeTypeSchema>;

export const PLACE_TYPE_NAMES: Record<PlaceType, { sv: string; en: string }> = {
  skola: { sv: 'Skola', en: 'School' },
  fritidsgard: { sv: 'Fritidsgård', en: 'Youth centre' },
  idrottshall: { sv: 'Idrottshall/idrottsplats', en: 'Sports hall/ground' },
  foreningslokal: { sv: 'Föreningslokal', en: 'Association premises' },
  bibliotek: { sv: 'Bibliotek', en: 'Library' },
  centrum_torg: { sv: 'Centrum/torg', en: 'Town centre/square' },
  park_utomhus: { sv: 'Park/utomhusplats', en: 'Park/outdoor place' },
  kopcentrum: { sv: 'Köpcentrum', en: 'Shopping centre' },
  kollektivtrafiknod: { sv: 'Kollektivtrafiknod', en: 'Public transport hub' },
  bostadsomrade: { sv: 'Bostadsområde', en: 'Residential area' },
  digital: { sv: 'Digital arena', en: 'Digital arena' },
};

export const AREA_KINDS = ['stadsdel', 'upptagningsomrade', 'annat'] as const;
export const areaKindSchema = z.enum(AREA_KINDS);
export type AreaKind = z.infer<typeof areaKindSchema>;
export const AREA_KIND_NAMES: Record<AreaKind, { sv: string; en: string }> = {
  stadsdel: { sv: 'Stadsdel', en: 'District' },
  upptagningsomrade: { sv: 'Upptagningsområde', en: 'School catchment' },
  annat: { sv: 'Annat område', en: 'Other area' },
};

/** ISO weekdays, 1 = Monday … 7 = Sunday (as the database stores them). */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const weekdaySchema = z.number().int().min(1).max(7);
export const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** Ungdomstider: how many young people are usually there in an hour. No entry means none or unknown. */
export const YOUTH_LEVELS = ['few', 'some', 'many'] as const;
export const youthLevelSchema = z.enum(YOUTH_LEVELS);
export type YouthLevel = z.infer<typeof youthLevelSchema>;

// ---- geometry ----

const positionTuple = z.tuple([z.number(), z.number()]);
/** A Polygon or MultiPolygon (RFC 7946); bad geometry is refused with a message per field (geojson.ts). */
export const areaGeometrySchema = z
  .object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) })
  .loose()
  .superRefine((value, ctx) => {
    for (const issue of validateAreaGeometry(value)) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  })
  .transform((value) => value as unknown as AreaGeometry);
/** The output side: what the server stores and sends. */
export const areaGeometryOutSchema = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(positionTuple)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(positionTuple))) }),
]);

export const positionSchema = z
  .object({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  })
  .strict();
export type PlacePosition = z.infer<typeof positionSchema>;

// ---- opening hours ----

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const timeSchema = z.string().refine((value) => TIME.test(value), { message: 'invalid_time' });
export const openingIntervalSchema = z
  .object({ opens: timeSchema, closes: timeSchema })
  .strict()
  .refine((value) => value.opens < value.closes, { message: 'closes_before_opens', path: ['closes'] });
export type OpeningInterval = z.infer<typeof openingIntervalSchema>;
const dayHours = z.array(openingIntervalSchema).max(4).optional();
/** Per ISO weekday ("1" = Monday): the intervals the place is open. A missing day is closed or unknown. */
export const openingHoursSchema = z
  .object({ '1': dayHours, '2': dayHours, '3': dayHours, '4': dayHours, '5': dayHours, '6': dayHours, '7': dayHours })
  .strict();
export type OpeningHours = z.infer<typeof openingHoursSchema>;

// ---- places ----

const phoneSchema = line()
  .max(40)
  .refine((value) => /^\+?[0-9][0-9 ()-]{4,38}$/.test(value), { message: 'invalid_phone' });

export const placeInputSchema = z
  .object({
    name: line().min(2).max(200),
    type: placeTypeSchema,
    /** A point (WGS 84). Required for every type but `digital`, unless `geometry` is given. */
    position: positionSchema.nullable().default(null),
    /** A place that is itself an area (a park, an estate). Its centre becomes the position when none is given. */
    geometry: areaGeometrySchema.nullable().default(null),
    address: line().max(300).nullable().default(null),
    /** For a digital arena: where it is (a server, a platform). */
    digitalLocation: line().max(300).nullable().default(null),
    /** Set explicitly; null = found from the position (the area it lies in). */
    areaId: z.uuid().nullable().default(null),
    responsibleOrganisationId: z.uuid().nullable().default(null),
    contactName: line().max(200).nullable().default(null),
    contactPhone: phoneSchema.nullable().default(null),
    contactEmail: line().max(254).pipe(z.email()).nullable().default(null),
    openingHours: openingHoursSchema.default({}),
    notes: multiline().max(4000).nullable().default(null),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.type === 'digital') {
      if (value.position) ctx.addIssue({ code: 'custom', message: 'digital_place_has_no_position', path: ['position'] });
      if (value.geometry) ctx.addIssue({ code: 'custom', message: 'digital_place_has_no_position', path: ['geometry'] });
    } else if (!value.position && !value.geometry) {
      ctx.addIssue({ code: 'custom', message: 'position_required', path: ['position'] });
    }
  });
export type PlaceInput = z.input<typeof placeInputSchema>;
export type PlaceInputParsed = z.output<typeof placeInputSchema>;

export const placeSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: placeTypeSchema,
  position: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
  geometry: areaGeometryOutSchema.nullable(),
  address: z.string().nullable(),
  digitalLocation: z.string().nullable(),
  areaId: z.uuid().nullable(),
  areaName: z.string().nullable(),
  responsibleOrganisationId: z.uuid().nullable(),
  responsibleOrganisationName: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  openingHours: openingHoursSchema,
  notes: z.string().nullable(),
  active: z.boolean(),
  updatedAt: z.string(),
  abilities: abilitiesSchema,
});
export type Place = z.infer<typeof placeSchema>;

/** `?type=skola&areaId=…`: both optional. Archived places are left out unless `archived=true`. */
export const placeListQuerySchema = z
  .object({
    type: placeTypeSchema.optional(),
    areaId: z.uuid().optional(),
    archived: z.enum(['true', 'false']).optional(),
  })
  .strict();
export type PlaceListQuery = z.infer<typeof placeListQuerySchema>;

/** The tenant's places sorted by name, in one query, and what the actor may do with the register (`create`). */
export const placeListSchema = z.object({ places: z.array(placeSchema), abilities: abilitiesSchema });
export type PlaceList = z.infer<typeof placeListSchema>;

export const placeIdParamsSchema = z.object({ placeId: z.uuid() }).strict();

// ---- ungdomstider ----

export const youthHourSchema = z
  .object({ weekday: weekdaySchema, hour: z.number().int().min(0).max(23), level: youthLevelSchema })
  .strict();
export type YouthHour = z.infer<typeof youthHourSchema>;

/** The whole week at once: the hours given replace the place's ungdomstider. */
export const youthHoursInputSchema = z
  .object({ hours: z.array(youthHourSchema).max(7 * 24) })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<number>();
    value.hours.forEach((slot, index) => {
      const key = slot.weekday * 24 + slot.hour;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: 'duplicate_values', path: ['hours', index] });
      seen.add(key);
    });
  });
export type YouthHoursInput = z.infer<typeof youthHoursInputSchema>;

export const youthHoursSchema = z.object({
  placeId: z.uuid(),
  /** Sorted by weekday, then hour. */
  hours: z.array(youthHourSchema),
  abilities: abilitiesSchema,
});
export type YouthHours = z.infer<typeof youthHoursSchema>;

// ---- areas ----

export const areaInputSchema = z
  .object({
    name: line().min(2).max(200),
    kind: areaKindSchema,
    geometry: areaGeometrySchema,
  })
  .strict();
export type AreaInput = z.input<typeof areaInputSchema>;

export const areaSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: areaKindSchema,
  geometry: areaGeometryOutSchema,
  bbox: z.object({ minLatitude: z.number(), minLongitude: z.number(), maxLatitude: z.number(), maxLongitude: z.number() }),
  placeCount: z.number().int(),
  active: z.boolean(),
  updatedAt: z.string(),
  abilities: abilitiesSchema,
});
export type Area = z.infer<typeof areaSchema>;

export const areaListSchema = z.object({ areas: z.array(areaSchema), abilities: abilitiesSchema });
export type AreaList = z.infer<typeof areaListSchema>;

export const areaIdParamsSchema = z.object({ areaId: z.uuid() }).strict();

/**
 * A GeoJSON import: a FeatureCollection, a Feature, or a bare Polygon/MultiPolygon. Each feature
 * becomes an area, named by its `name` (or `namn`) property, or by `name` here (numbered when
 * several). All or nothing: one bad feature refuses the whole import, naming its path.
 */
export const areaImportInputSchema = z
  .object({
    name: line().min(2).max(200).nullable().default(null),
    kind: areaKindSchema,
    geojson: z.unknown(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const { areas, issues } = readAreaImport(value.geojson, ['geojson']);
    for (const issue of issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    if (issues.length === 0 && areas.length === 0) ctx.addIssue({ code: 'custom', message: 'geojson_no_polygons', path: ['geojson'] });
    if (issues.length === 0 && value.name === null && areas.some((area) => area.name === null)) {
      ctx.addIssue({ code: 'custom', message: 'area_name_required', path: ['name'] });
    }
  });
export type AreaImportInput = z.input<typeof areaImportInputSchema>;

export const areaImportResultSchema = z.object({ areas: z.array(areaSchema), placesAssigned: z.number().int() });
export type AreaImportResult = z.infer<typeof areaImportResultSchema>;

// ---- map ----

/**
 * The map's tile source (SAMVERKA_MAP_TILES): a raster URL template such as
 * `https://tiles.example/{z}/{x}/{y}.png`, or null: then the map draws on a plain background and
 * loads nothing from another host.
 */
export const mapConfigSchema = z.object({ tiles: z.string().nullable(), attribution: z.string().nullable() });
export type MapConfig = z.infer<typeof mapConfigSchema>;

export const PLACES_PATHS = { places: '/platser', areas: '/platser/omraden' } as const;
export function placePath(id: string): string {
  return `${PLACES_PATHS.places}/${id}`;
}
