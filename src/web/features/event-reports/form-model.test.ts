import { describe, expect, it } from 'vitest';
import { eventReportInputSchema } from '../../../shared/event-reports';
import { newEventDraft, serverErrors, toEventInput, type EventDraft } from './form-model';
import { formatWindow } from './labels';

const draft = (patch: Partial<EventDraft> = {}): EventDraft => ({
  ...newEventDraft(new Date(2026, 11, 6, 21, 40)),
  category: 'skadegorelse',
  placeId: '6f1c1c1e-8a1b-4c1d-9e1f-0a1b2c3d4e5f',
  ...patch,
});

describe('the event report form model', () => {
  it('starts with the last hour, rounded to the half hour, and nothing chosen', () => {
    const fresh = newEventDraft(new Date(2026, 11, 6, 21, 40));
    expect(fresh).toMatchObject({ date: '2026-12-06', start: '20:30', end: '21:30', category: '', placeMode: 'place', peopleCount: '', severity: '1' });
  });

  it('builds what the server accepts, for a place, a rounded point and an area', () => {
    const atPlace = toEventInput(draft({ peopleCount: '2-4', severity: '2', description: '  Krossad ruta.  ' }));
    expect(atPlace.errors).toBeNull();
    expect(atPlace.input).toMatchObject({ placeId: draft().placeId, areaId: null, latitude: null, peopleCount: '2-4', severity: 2, description: 'Krossad ruta.' });
    expect(eventReportInputSchema.safeParse(atPlace.input).success).toBe(true);

    const atPoint = toEventInput(draft({ placeMode: 'point', latitude: '60,6601', longitude: '17.1502', approximate: true }));
    expect(atPoint.input).toMatchObject({ placeId: null, latitude: 60.6601, longitude: 17.1502, approximate: true });
    expect(eventReportInputSchema.safeParse(atPoint.input).success).toBe(true);

    const inArea = toEventInput(draft({ placeMode: 'area', areaId: '7f1c1c1e-8a1b-4c1d-9e1f-0a1b2c3d4e5f', approximate: true }));
    expect(inArea.input).toMatchObject({ placeId: null, areaId: '7f1c1c1e-8a1b-4c1d-9e1f-0a1b2c3d4e5f', latitude: null, approximate: false });
  });

  it('refuses what the server would refuse, before anything is queued', () => {
    expect(toEventInput(draft({ category: '', placeId: '' })).errors).toEqual({ category: { key: 'form.categoryRequired' }, placeId: { key: 'form.placeRequired' } });
    expect(toEventInput(draft({ description: 'Han heter 19850315-1234.' })).errors).toEqual({ description: { key: 'form.identityNumber' } });
    expect(toEventInput(draft({ placeMode: 'point', latitude: '95', longitude: '' })).errors).toEqual({ latitude: { key: 'form.latitudeInvalid' }, longitude: { key: 'form.longitudeInvalid' } });
    expect(toEventInput(draft({ placeMode: 'area' })).errors).toEqual({ areaId: { key: 'form.areaRequired' } });
  });

  it('lets an evening run past midnight: the end is the next day', () => {
    const late = toEventInput(draft({ start: '23:00', end: '01:00' }));
    expect(Date.parse(late.input!.occurredTo) - Date.parse(late.input!.occurredFrom)).toBe(2 * 3600_000);
  });

  it('puts the server’s field messages on the form’s fields, batch paths included', () => {
    expect(serverErrors({ description: 'Skriv inte personnummer.', 'reports.0.occurredTo': 'För lång.', other: 'x' })).toEqual({ description: { text: 'Skriv inte personnummer.' }, end: { text: 'För lång.' } });
  });

  it('writes a time window in words, an instant as one time', () => {
    const at = new Date(2026, 11, 6, 21, 30).toISOString();
    const later = new Date(2026, 11, 6, 22, 45).toISOString();
    expect(formatWindow(at, at, 'sv')).toMatch(/^6 dec\.? 21:30$/);
    expect(formatWindow(at, later, 'sv')).toMatch(/^6 dec\.? 21:30–22:45$/);
  });
});
