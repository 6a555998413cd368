/** React views of the phone's store: they re-read when the store changes. */
import { useEffect, useState } from 'react';
import { allItems, type OutboxItem, readCache, subscribe } from './outbox-store';

export function useOutbox(): OutboxItem[] {
  const [items, setItems] = useState<OutboxItem[]>([]);
  useEffect(() => {
    let alive = true;
    const load = () => void allItems().then((x) => alive && setItems(x));
    load();
    const off = subscribe(load);
    return () => {
      alive = false;
      off();
    };
  }, []);
  return items;
}

export function useCached<T>(key: string): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    const load = () => void readCache<T>(key).then((x) => alive && setValue(x));
    load();
    const off = subscribe(load);
    return () => {
      alive = false;
      off();
    };
  }, [key]);
  return value;
}

/** navigator.onLine, kept current. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

export interface Position {
  lng: number;
  lat: number;
  accuracy: number;
}

/** One GPS fix on request (a patrol is not tracked continuously). */
export function usePosition() {
  const [position, setPosition] = useState<Position | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const locate = () => {
    if (!('geolocation' in navigator)) {
      setError('本机浏览器不能定位，请填写地址。');
      return;
    }
    setLocating(true);
    setError(null);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        setPosition({ lng: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy });
      },
      (e) => {
        setLocating(false);
        setError(
          e.code === e.PERMISSION_DENIED ? '未获得定位权限，请填写地址。' : '暂时无法定位，请填写地址。',
        );
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };
  return { position, error, locating, locate, clear: () => setPosition(null) };
}
