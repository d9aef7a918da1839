export {
  computeDataQuality,
  type DataQualityFigures,
  dataQualityFiguresSchema,
  figuresFromRow,
  type Queryable,
  recordDataQualitySnapshot,
  seoulToday,
} from "./snapshot.ts";
