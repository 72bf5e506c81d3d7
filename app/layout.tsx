import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Toaster } from 'sonner';
import { TRPCReactProvider } from '@/components/trpc';
import './globals.css';

// Every page, the 404 included, is rendered per request: its scripts carry that response's
// CSP nonce (proxy.ts), which a page prerendered at build time could not know.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: '图像分析控制台',
  description: '图像分析：开通、API 密钥、资源包与账单',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen font-sans antialiased">
        <TRPCReactProvider>{children}</TRPCReactProvider>
        <Toaster position="top-center" richColors closeButton />
      </body>
    </html>
  );
}
