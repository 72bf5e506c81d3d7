'use client';

import { TextField } from '@/components/ui/text-field';
import { ACTION_SPECS, type FormErrors } from '@/lib/explorer/actions';
import type { ApiAction } from '@/lib/catalog';

export interface ParamValues {
  scenes: string[];
  width: string;
  height: string;
  extra: string;
}

/** The parameters of the chosen action (docs/api.md); an action that takes none says so. */
export function ActionParams({
  action,
  values,
  onChange,
  errors,
}: {
  action: ApiAction;
  values: ParamValues;
  onChange: (patch: Partial<ParamValues>) => void;
  errors: FormErrors;
}) {
  const spec = ACTION_SPECS[action];
  if (!spec.scenes && !spec.ratio && !spec.extra) return <p className="text-sm text-muted">{action} 除图片外没有其他参数。</p>;
  const toggle = (scene: string, on: boolean) => onChange({ scenes: on ? [...values.scenes, scene] : values.scenes.filter((s) => s !== scene) });
  return (
    <div className="flex flex-wrap items-start gap-6">
      {spec.scenes ? (
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-sm text-muted">
            {spec.scenes.label}
            {spec.scenes.required ? '' : '（不选即 WEB）'}
          </legend>
          <div className="flex flex-wrap gap-4">
            {spec.scenes.choices.map((c) => (
              <label key={c.value} className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" checked={values.scenes.includes(c.value)} onChange={(e) => toggle(c.value, e.target.checked)} />
                {c.label}
              </label>
            ))}
          </div>
          {errors.scenes ? <p className="text-xs text-danger">{errors.scenes}</p> : null}
        </fieldset>
      ) : null}
      {spec.ratio ? (
        <>
          <TextField label="宽度（Width）" className="w-36" inputMode="numeric" value={values.width} error={errors.width} onChange={(e) => onChange({ width: e.target.value })} />
          <TextField label="高度（Height）" className="w-36" inputMode="numeric" value={values.height} error={errors.height} hint="裁剪框的宽高比" onChange={(e) => onChange({ height: e.target.value })} />
        </>
      ) : null}
      {spec.extra ? (
        <TextField label="透传字段（Extra）" className="w-72" value={values.extra} hint="原样出现在返回的 Extra 中" onChange={(e) => onChange({ extra: e.target.value })} />
      ) : null}
    </div>
  );
}
