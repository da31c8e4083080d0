import { useForm, type FieldErrors, type FieldValues, type Resolver, type UseFormProps, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { ZodType } from 'zod';
import { issueMessage, translateMessageId } from './validation-messages';

/**
 * react-hook-form with a zod schema (preferably the shared one from src/shared, the same the server
 * validates with) and messages in the UI language. Validates on submit, then again as the user corrects.
 * Focus on failure goes to the error summary (see AppForm), not to the field.
 */
export function useAppForm<Input extends FieldValues, Output = Input>(
  schema: ZodType<Output, Input>,
  options: Omit<UseFormProps<Input, unknown, Output>, 'resolver'> = {},
): UseFormReturn<Input, unknown, Output> {
  return useForm<Input, unknown, Output>({
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    shouldFocusError: false,
    ...options,
    resolver: translatedResolver(schema),
  });
}

function translatedResolver<Input extends FieldValues, Output>(schema: ZodType<Output, Input>): Resolver<Input, unknown, Output> {
  const base = zodResolver(schema as never, { error: issueMessage }) as unknown as Resolver<Input, unknown, Output>;
  return async (values, context, options) => {
    const result = await base(values, context, options);
    translateIds(result.errors);
    return result;
  };
}

/** A refinement's message is an id (`passwords_differ`); replace it with text, in place. */
function translateIds(errors: FieldErrors): void {
  for (const error of Object.values(errors)) {
    if (!error || typeof error !== 'object') continue;
    if ('message' in error && typeof error.message === 'string') {
      error.message = translateMessageId(error.message) ?? error.message;
    }
    if (!('type' in error)) translateIds(error as FieldErrors);
  }
}
