// Generated from edge/regions.go by scripts/gen-api.mjs. Do not edit.

import type { components } from "./schema";

export type RegionCode = components["schemas"]["Region"];

export interface Region { code: RegionCode; name: string; lat: number; lon: number }

export const regions: Region[] = [
  {
    "code": "us-east-1",
    "name": "US East (N. Virginia)",
    "lat": 39.04,
    "lon": -77.49
  },
  {
    "code": "us-east-2",
    "name": "US East (Ohio)",
    "lat": 39.96,
    "lon": -83
  },
  {
    "code": "us-west-1",
    "name": "US West (N. California)",
    "lat": 37.35,
    "lon": -121.96
  },
  {
    "code": "us-west-2",
    "name": "US West (Oregon)",
    "lat": 45.84,
    "lon": -119.7
  },
  {
    "code": "ca-central-1",
    "name": "Canada (Central)",
    "lat": 45.5,
    "lon": -73.57
  },
  {
    "code": "ca-west-1",
    "name": "Canada West (Calgary)",
    "lat": 51.05,
    "lon": -114.07
  },
  {
    "code": "mx-central-1",
    "name": "Mexico (Central)",
    "lat": 20.59,
    "lon": -100.39
  },
  {
    "code": "sa-east-1",
    "name": "South America (Sao Paulo)",
    "lat": -23.55,
    "lon": -46.63
  },
  {
    "code": "eu-west-1",
    "name": "Europe (Ireland)",
    "lat": 53.35,
    "lon": -6.26
  },
  {
    "code": "eu-west-2",
    "name": "Europe (London)",
    "lat": 51.51,
    "lon": -0.13
  },
  {
    "code": "eu-west-3",
    "name": "Europe (Paris)",
    "lat": 48.86,
    "lon": 2.35
  },
  {
    "code": "eu-central-1",
    "name": "Europe (Frankfurt)",
    "lat": 50.11,
    "lon": 8.68
  },
  {
    "code": "eu-central-2",
    "name": "Europe (Zurich)",
    "lat": 47.37,
    "lon": 8.54
  },
  {
    "code": "eu-south-1",
    "name": "Europe (Milan)",
    "lat": 45.46,
    "lon": 9.19
  },
  {
    "code": "eu-south-2",
    "name": "Europe (Spain)",
    "lat": 41.65,
    "lon": -0.88
  },
  {
    "code": "eu-north-1",
    "name": "Europe (Stockholm)",
    "lat": 59.33,
    "lon": 18.07
  },
  {
    "code": "il-central-1",
    "name": "Israel (Tel Aviv)",
    "lat": 32.09,
    "lon": 34.78
  },
  {
    "code": "me-south-1",
    "name": "Middle East (Bahrain)",
    "lat": 26.07,
    "lon": 50.56
  },
  {
    "code": "me-central-1",
    "name": "Middle East (UAE)",
    "lat": 25.2,
    "lon": 55.27
  },
  {
    "code": "af-south-1",
    "name": "Africa (Cape Town)",
    "lat": -33.92,
    "lon": 18.42
  },
  {
    "code": "ap-east-1",
    "name": "Asia Pacific (Hong Kong)",
    "lat": 22.32,
    "lon": 114.17
  },
  {
    "code": "ap-east-2",
    "name": "Asia Pacific (Taipei)",
    "lat": 25.03,
    "lon": 121.56
  },
  {
    "code": "ap-south-1",
    "name": "Asia Pacific (Mumbai)",
    "lat": 19.08,
    "lon": 72.88
  },
  {
    "code": "ap-south-2",
    "name": "Asia Pacific (Hyderabad)",
    "lat": 17.39,
    "lon": 78.49
  },
  {
    "code": "ap-southeast-1",
    "name": "Asia Pacific (Singapore)",
    "lat": 1.35,
    "lon": 103.82
  },
  {
    "code": "ap-southeast-2",
    "name": "Asia Pacific (Sydney)",
    "lat": -33.87,
    "lon": 151.21
  },
  {
    "code": "ap-southeast-3",
    "name": "Asia Pacific (Jakarta)",
    "lat": -6.21,
    "lon": 106.85
  },
  {
    "code": "ap-southeast-4",
    "name": "Asia Pacific (Melbourne)",
    "lat": -37.81,
    "lon": 144.96
  },
  {
    "code": "ap-southeast-5",
    "name": "Asia Pacific (Malaysia)",
    "lat": 3.14,
    "lon": 101.69
  },
  {
    "code": "ap-southeast-6",
    "name": "Asia Pacific (New Zealand)",
    "lat": -36.85,
    "lon": 174.76
  },
  {
    "code": "ap-southeast-7",
    "name": "Asia Pacific (Thailand)",
    "lat": 13.76,
    "lon": 100.5
  },
  {
    "code": "ap-northeast-1",
    "name": "Asia Pacific (Tokyo)",
    "lat": 35.68,
    "lon": 139.69
  },
  {
    "code": "ap-northeast-2",
    "name": "Asia Pacific (Seoul)",
    "lat": 37.57,
    "lon": 126.98
  },
  {
    "code": "ap-northeast-3",
    "name": "Asia Pacific (Osaka)",
    "lat": 34.69,
    "lon": 135.5
  }
];

/** The region code v names, or undefined when v is not one the API accepts (a picker's value). */
export function regionCode(v: string): RegionCode | undefined {
  return regions.find((r) => r.code === v)?.code;
}
