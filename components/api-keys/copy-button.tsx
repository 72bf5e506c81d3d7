'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

export function CopyButton({ text, label = '复制' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(text);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }
  return (
    <Button variant="link" onClick={() => void copy()} aria-label={`${label}：${text.slice(0, 8)}…`}>
      {copied ? '已复制' : label}
    </Button>
  );
}
