import { z } from 'zod';
import { localDateSchema, localTimeSchema, presenceVisibilitySchema, staffRoleSchema, type PresenceEntry, type PresenceEntryInput } from '../../../shared/presence';
import { ICAL_DAYS, parseRecurrence, weeklyRule } from '../../../shared/recurrence';
import { isoWeekdayOf } from '../../../shared/stockholm-time';

/**
 * The form's own shape: what a person fills in. "Every Friday until 19 June" becomes an RRULE here,
 * so nobody types iCalendar syntax.
 */
export const entryFormSchema = z
  .object({
    where: z.string().min(1, { message: 'place_or_area_required' }),
    staffRole: staffRoleSchema,
    staffNames: z.string().max(600),
    date: localDateSchema,
    startTime: localTimeSchema,
    endTime: localTimeSchema,
    repeat: z.enum(['once', 'weekly']),
    weekdays: z.array(z.string()).default([]),
    until: z.union([z.literal(''), localDateSchema]),
    exceptions: z.string().max(2000),
    skipPublicHolidays: z.boolean(),
    skipSchoolHolidays: z.boolean(),
    plannedStaff: z.coerce.number().int().min(1).max(100),
    visibility: presenceVisibilitySchema,
    notes: z.string().max(2000),
  })
  .superRefine((value, ctx) => {
    if (value.until && value.until < value.date) ctx.addIssue({ code: 'custom', message: 'ends_before_starts', path: ['until'] });
    for (const date of splitList(value.exceptions)) {
      if (!localDateSchema.safeParse(date).success) ctx.addIssue({ code: 'custom', message: 'invalid_date', path: ['exceptions'] });
    }
  });
export type EntryFormInput = z.input<typeof entryFormSchema>;
export type EntryFormValues = z.output<typeof entryFormSchema>;

const splitList = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter(Boolean);

export function emptyForm(date: string, where = ''): EntryFormInput {
  return {
    where,
    staffRole: 'fritidsledare',
    staffNames: '',
    date,
    startTime: '18:00',
    endTime: '22:00',
    repeat: 'weekly',
    weekdays: [String(isoWeekdayOf(date))],
    until: '',
    exceptions: '',
    skipPublicHolidays: true,
    skipSchoolHolidays: false,
    plannedStaff: 2,
    visibility: 'all',
    notes: '',
  };
}

/** An existing entry in the form. A rule the form cannot show (monthly, say) is kept as it is. */
export function formOf(entry: PresenceEntry): EntryFormInput {
  const parsed = entry.recurrence ? parseRecurrence(entry.recurrence) : null;
  const byDay = entry.recurrence ? /BYDAY=([A-Z,]+)/.exec(entry.recurrence)?.[1] : undefined;
  const until = entry.recurrence ? /UNTIL=(\d{4})(\d{2})(\d{2})/.exec(entry.recurrence) : null;
  return {
    where: entry.placeId ? `place:${entry.placeId}` : `area:${entry.areaId}`,
    staffRole: entry.staffRole,
    staffNames: entry.staffNames.join(', '),
    date: entry.date,
    startTime: entry.startTime,
    endTime: entry.endTime,
    repeat: parsed?.ok ? 'weekly' : 'once',
    weekdays: byDay ? byDay.split(',').map((day) => String(ICAL_DAYS.indexOf(day as (typeof ICAL_DAYS)[number]) + 1)) : [String(isoWeekdayOf(entry.date))],
    until: until ? `${until[1]}-${until[2]}-${until[3]}` : '',
    exceptions: entry.exceptions.join(', '),
    skipPublicHolidays: entry.skipPublicHolidays,
    skipSchoolHolidays: entry.skipSchoolHolidays,
    plannedStaff: entry.plannedStaff,
    visibility: entry.visibility,
    notes: entry.notes ?? '',
  };
}

export function inputOf(values: EntryFormValues): PresenceEntryInput {
  const [kind, id] = values.where.split(':');
  const weekdays = values.weekdays.map(Number).filter((day) => day >= 1 && day <= 7);
  return {
    staffRole: values.staffRole,
    staffNames: splitList(values.staffNames),
    placeId: kind === 'place' ? id! : null,
    areaId: kind === 'area' ? id! : null,
    date: values.date,
    startTime: values.startTime,
    endTime: values.endTime,
    recurrence: values.repeat === 'weekly' ? weeklyRule(weekdays.length > 0 ? weekdays : [isoWeekdayOf(values.date)], values.until || null) : null,
    exceptions: splitList(values.exceptions),
    skipPublicHolidays: values.skipPublicHolidays,
    skipSchoolHolidays: values.skipSchoolHolidays,
    plannedStaff: values.plannedStaff,
    visibility: values.visibility,
    notes: values.notes.trim() || null,
  };
}
