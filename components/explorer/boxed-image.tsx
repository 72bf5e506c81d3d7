'use client';

import { useState } from 'react';
import { boxPlacement, type AnswerBox } from '@/lib/explorer/boxes';

/** A label near the top edge would leave the picture: it goes inside the box instead. */
const LABEL_INSIDE_BELOW = 0.06;

/** The picture sent, with every box of the answer drawn over it and its label beside it. */
export function BoxedImage({ src, boxes, alt }: { src: string; boxes: AnswerBox[]; alt: string }) {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [broken, setBroken] = useState(false);
  if (broken) return <p className="text-sm text-muted">浏览器无法显示这张图片（返回中的错误码说明了 API 的判断）。</p>;
  return (
    <div className="relative w-fit max-w-full">
      {/* eslint-disable-next-line @next/next/no-img-element -- the customer's own file or URL, nothing for next/image to optimise */}
      <img
        src={src}
        referrerPolicy="no-referrer"
        alt={alt}
        className="block h-auto max-h-[480px] max-w-full"
        onLoad={(e) => setSize({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
        onError={() => setBroken(true)}
      />
      {size
        ? boxes.map((box, i) => (
            <div
              key={i}
              data-testid="explorer-box"
              title={box.detail ? `${box.label}（${box.detail}）` : box.label}
              className="pointer-events-auto absolute border-2 border-[#ff7a00] shadow-[0_0_0_1px_rgba(255,255,255,0.7)]"
              style={boxPlacement(box, size.width, size.height)}
            >
              <span
                data-testid="explorer-box-label"
                className={`absolute left-[-2px] whitespace-nowrap bg-[#ff7a00] px-1 text-xs leading-5 text-white ${box.y / size.height < LABEL_INSIDE_BELOW ? 'top-0' : '-top-5'}`}
              >
                {box.label}
              </span>
            </div>
          ))
        : null}
    </div>
  );
}
