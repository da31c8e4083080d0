import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { mapConfigSchema, type MapConfig } from '../../../shared/places';
import type { AreaGeometry } from '../../../shared/geojson';
import './place-map.css';

export interface MapPlace {
  id: string;
  name: string;
  /** Shown in the marker's popup and tooltip, e.g. the type. */
  description?: string;
  position: { latitude: number; longitude: number } | null;
  href?: string;
}

export interface MapArea {
  id: string;
  name: string;
  geometry: AreaGeometry;
}

/** An extra layer (e.g. the presence plan): small labelled dots drawn above the places. */
export interface MapMarker {
  id: string;
  latitude: number;
  longitude: number;
  label: string;
  tone?: 'info' | 'success' | 'warning' | 'danger';
  /** A short symbol drawn in the marker ("!", "?", "✓"), so its state does not rest on colour alone. */
  symbol?: string;
}

export interface PlaceMapProps {
  /** The map's accessible name ("Karta över platser"); the same content must be in a list or table beside it. */
  label: string;
  places: readonly MapPlace[];
  areas?: readonly MapArea[];
  markers?: readonly MapMarker[];
  /** A chosen position (the place being edited), drawn apart from the rest. */
  selected?: { latitude: number; longitude: number } | null;
  /** Makes a click on the map pick a position. Keyboard users type the coordinates instead. */
  onPick?: (position: { latitude: number; longitude: number }) => void;
  /** Gävle's centre when nothing is drawn. */
  fallbackCentre?: [number, number];
  className?: string;
}

export const mapConfigQuery = {
  queryKey: ['map-config'] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) => api('/api/map-config', { schema: mapConfigSchema, signal }),
  staleTime: Infinity,
};

const TONES: Record<NonNullable<MapMarker['tone']>, string> = {
  info: '#0062ba',
  success: '#06893a',
  warning: '#b25e00',
  danger: '#c01b1b',
};

/**
 * A Leaflet map of places and areas. Without a configured tile source it draws on a plain background
 * and asks no other host for anything: markers are vector circles (no marker images), and Leaflet's
 * CSS is bundled. Leaflet's own keyboard support pans (arrows) and zooms (+/−) once the map has focus;
 * everything on it is also in the list or table the page puts beside it.
 */
export function PlaceMap(props: PlaceMapProps) {
  const config = useQuery(mapConfigQuery);
  // Draw without tiles until the configuration is known; never guess a tile host.
  return <LeafletMap {...props} config={config.data ?? { tiles: null, attribution: null }} />;
}

function LeafletMap({ label, places, areas = [], markers = [], selected, onPick, fallbackCentre = [60.6749, 17.1413], className, config }: PlaceMapProps & { config: MapConfig }) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const content = useRef<L.LayerGroup | null>(null);
  const tiles = useRef<L.TileLayer | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!element.current) return;
    const instance = L.map(element.current, { attributionControl: false, zoomControl: true, keyboard: true, minZoom: 3, maxZoom: 18 });
    instance.setView(fallbackCentre, 13);
    content.current = L.layerGroup().addTo(instance);
    instance.on('click', (event: L.LeafletMouseEvent) => pick.current?.({ latitude: round(event.latlng.lat), longitude: round(event.latlng.lng) }));
    map.current = instance;
    // Leaflet measures its container once; a container that got its size later (a lazy page) is measured again.
    const observer = new ResizeObserver(() => instance.invalidateSize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.remove();
      map.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the map is made once; its content follows the props below
  }, []);

  useEffect(() => {
    const instance = map.current;
    if (!instance) return;
    tiles.current?.remove();
    tiles.current = null;
    if (config.tiles) {
      tiles.current = L.tileLayer(config.tiles, { maxZoom: 18, attribution: config.attribution ?? undefined }).addTo(instance);
      if (config.attribution) L.control.attribution({ prefix: false }).addAttribution(escapeText(config.attribution)).addTo(instance);
    }
  }, [config.tiles, config.attribution]);

  useEffect(() => {
    const instance = map.current;
    const group = content.current;
    if (!instance || !group) return;
    group.clearLayers();
    const bounds = L.latLngBounds([]);
    for (const area of areas) {
      const layer = L.geoJSON(area.geometry as GeoJSON.Geometry, { style: { color: '#1e2b3c', weight: 2, fillColor: '#7aa7d9', fillOpacity: 0.15 } });
      layer.bindTooltip(escapeText(area.name), { sticky: true });
      layer.addTo(group);
      bounds.extend(layer.getBounds());
    }
    for (const place of places) {
      if (!place.position) continue;
      const at = L.latLng(place.position.latitude, place.position.longitude);
      const marker = L.circleMarker(at, { radius: 7, color: '#ffffff', weight: 2, fillColor: '#1e4e8c', fillOpacity: 1 });
      marker.bindTooltip(escapeText(place.name));
      marker.bindPopup(popupHtml(place));
      marker.addTo(group);
      bounds.extend(at);
    }
    for (const extra of markers) {
      const at = L.latLng(extra.latitude, extra.longitude);
      const tooltip = escapeText(extra.label);
      if (extra.symbol) {
        // A div icon (HTML, no image from anywhere): the symbol in a coloured disc. Not a tab stop (keyboard: false):
        // Leaflet would make it an unnamed button; keyboard and screen-reader users have the table beside the map.
        const icon = L.divIcon({
          className: 'place-map__symbol',
          html: `<span style="background:${TONES[extra.tone ?? 'info']}" aria-hidden="true">${escapeText(extra.symbol)}</span>`,
          iconSize: [24, 24],
          iconAnchor: [12, 12],
        });
        L.marker(at, { icon, keyboard: false }).bindTooltip(tooltip).addTo(group);
        bounds.extend(at);
        continue;
      }
      L.circleMarker(at, { radius: 5, color: '#ffffff', weight: 1, fillColor: TONES[extra.tone ?? 'info'], fillOpacity: 1 })
        .bindTooltip(tooltip, { permanent: false })
        .addTo(group);
    }
    if (selected) {
      const at = L.latLng(selected.latitude, selected.longitude);
      L.circleMarker(at, { radius: 10, color: '#c01b1b', weight: 3, fillColor: '#ffffff', fillOpacity: 0.9 }).addTo(group);
      bounds.extend(at);
    }
    if (bounds.isValid()) instance.fitBounds(bounds.pad(0.1), { maxZoom: 15 });
  }, [areas, places, markers, selected]);

  return <div ref={element} className={`place-map ${className ?? ''}`} role="region" aria-label={label} data-tiles={config.tiles ? 'configured' : 'none'} />;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function popupHtml(place: MapPlace): string {
  const name = escapeText(place.name);
  const title = place.href ? `<a href="${escapeText(place.href)}">${name}</a>` : `<strong>${name}</strong>`;
  return place.description ? `${title}<br>${escapeText(place.description)}` : title;
}
