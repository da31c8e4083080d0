import { useLayoutEffect, type ReactNode } from "react";
import { Textfield } from "@digdir/designsystemet-react";
import { get, useFormContext } from "react-hook-form";
import { fieldId } from "../../components/form";
import { useFormMeta } from "../../components/form/AppForm";
import { wholeNumberFromInput } from "./whole-number-input";
import "./sspf-settings.css";

/**
 * A whole number bound to the surrounding AppForm, like TextField. A text input with the numeric
 * keyboard rather than type="number", which swallows what was typed when it is not a number.
 */
export function WholeNumberField({
  name,
  label,
  description,
  suffix,
}: {
  name: string;
  label: string;
  description?: ReactNode;
  suffix?: string;
}) {
  const { register, formState } = useFormContext();
  const { formId, labels } = useFormMeta();
  useLayoutEffect(() => {
    labels.set(name, label);
    return () => void labels.delete(name);
  }, [labels, name, label]);
  const error = get(formState.errors, name) as { message?: string } | undefined;
  return (
    <div className="whole-number-field">
      <Textfield
        id={fieldId(formId, name)}
        label={label}
        description={description}
        suffix={suffix}
        inputMode="numeric"
        autoComplete="off"
        error={error?.message}
        {...register(name, { setValueAs: wholeNumberFromInput })}
      />
    </div>
  );
}
