import { AREA_KIND_NAMES, PLACE_TYPE_NAMES, PLACE_TYPES, AREA_KINDS, type AreaKind, type PlaceType } from '../../../shared/places';

const lang = (language: string): 'sv' | 'en' => (language.startsWith('en') ? 'en' : 'sv');

export const placeTypeName = (type: PlaceType, language: string) => PLACE_TYPE_NAMES[type][lang(language)];
export const areaKindName = (kind: AreaKind, language: string) => AREA_KIND_NAMES[kind][lang(language)];
export const placeTypeOptions = (language: string) => PLACE_TYPES.map((type) => ({ value: type, label: placeTypeName(type, language) }));
export const areaKindOptions = (language: string) => AREA_KINDS.map((kind) => ({ value: kind, label: areaKindName(kind, language) }));

/** "20–24": an hour range, the end exclusive. */
export const hourRange = (from: number, to: number) => `${String(from).padStart(2, '0')}–${String(to).padStart(2, '0')}`;
