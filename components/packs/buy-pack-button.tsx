'use client';

import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';

export function BuyPackButton() {
  const router = useRouter();
  return (
    <Button variant="primary" onClick={() => router.push('/packs/buy')}>
      购买资源包
    </Button>
  );
}
