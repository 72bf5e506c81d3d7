import { dominantColour } from './car-color';
import type { DecodedImage } from './decode';
import { detectObjects, percent, type Detection } from './models/detector';

// RecognizeCar (2019-05-29) from the COCO detector: it finds cars, buses, trucks and
// motorcycles and where they are; it cannot tell make, model or year, so Brand and Serial
// are "" and Year is 0, the API's own "not recognised" values (docs/engines.md).

export interface Coord {
  X: number;
  Y: number;
}

export interface CarTag {
  Serial: string;
  Brand: string;
  Type: string;
  Color: string;
  Confidence: number;
  Year: number;
  /** The vehicle's box as four corners. */
  CarLocation: Coord[];
  // The model's fields documented as filled only by RecognizeCarPro (车辆识别增强版):
  // no plate reader or orientation model here, so null / 0 / "" (docs/api.md).
  PlateContent: null;
  PlateConfidence: number;
  /** The detector's confidence in the vehicle class, which Type names. */
  TypeConfidence: number;
  ColorConfidence: number;
  Orientation: string;
  OrientationConfidence: number;
}

export const VEHICLE_MIN_SCORE = 0.3;

const TYPE_BY_CLASS: Readonly<Record<string, string>> = { car: '小型汽车', bus: '客车', truck: '货车', motorcycle: '摩托车' };

/** Clockwise from the top-left corner. */
function corners(d: Detection): Coord[] {
  const [x1, y1, x2, y2] = [d.x1, d.y1, d.x2, d.y2].map(Math.round);
  return [
    { X: x1, Y: y1 },
    { X: x2, Y: y1 },
    { X: x2, Y: y2 },
    { X: x1, Y: y2 },
  ];
}

export async function recognizeCar(image: DecodedImage): Promise<{ CarCoords: Coord[]; CarTags: CarTag[] }> {
  const { detections } = await detectObjects(image);
  const vehicles = detections.filter((d) => d.cls.kind === 'vehicle' && d.score >= VEHICLE_MIN_SCORE);
  // The main vehicle (CarCoords, first tag) is the one with the largest score-weighted area.
  const weight = (d: Detection) => d.score * (d.x2 - d.x1) * (d.y2 - d.y1);
  vehicles.sort((a, b) => weight(b) - weight(a));
  const { analysis } = image;
  const kx = analysis.width / image.width;
  const ky = analysis.height / image.height;
  const tags = vehicles.map((d) => ({
    Serial: '',
    Brand: '',
    Type: TYPE_BY_CLASS[d.cls.en] ?? d.cls.zh,
    Color: dominantColour(analysis, { x1: d.x1 * kx, y1: d.y1 * ky, x2: d.x2 * kx, y2: d.y2 * ky }) ?? '',
    Confidence: percent(d.score),
    Year: 0,
    CarLocation: corners(d),
    PlateContent: null,
    PlateConfidence: 0,
    TypeConfidence: percent(d.score),
    ColorConfidence: 0,
    Orientation: '',
    OrientationConfidence: 0,
  }));
  return { CarCoords: vehicles.length > 0 ? corners(vehicles[0]) : [], CarTags: tags };
}
