/**
 * Where each public Azure region is, as `az account list-locations` reports it (latitude,
 * longitude; newer regions at their metro area). Used to find region pairs more than 5,000 miles
 * apart, where Azure blocks Strong consistency by default; a few miles of error do not matter.
 */
export const AZURE_REGION_COORDINATES: Readonly<Record<string, readonly [number, number]>> = {
  australiacentral: [-35.3075, 149.1244],
  australiacentral2: [-35.3075, 149.1244],
  australiaeast: [-33.86, 151.2094],
  australiasoutheast: [-37.8136, 144.9631],
  austriaeast: [48.2082, 16.3738],
  belgiumcentral: [50.8503, 4.3517],
  brazilsouth: [-23.55, -46.633],
  brazilsoutheast: [-22.9028, -43.2075],
  canadacentral: [43.653, -79.383],
  canadaeast: [46.817, -71.217],
  centralindia: [18.5822, 73.9197],
  centralus: [41.5908, -93.6208],
  chilecentral: [-33.4489, -70.6693],
  denmarkeast: [55.6761, 12.5683],
  eastasia: [22.267, 114.188],
  eastus: [37.3719, -79.8164],
  eastus2: [36.6681, -78.3889],
  francecentral: [46.3772, 2.373],
  francesouth: [43.8345, 2.1972],
  germanynorth: [53.0736, 8.8064],
  germanywestcentral: [50.1109, 8.6821],
  indonesiacentral: [-6.2088, 106.8456],
  israelcentral: [31.2656, 33.4507],
  italynorth: [45.4689, 9.1811],
  japaneast: [35.68, 139.77],
  japanwest: [34.6939, 135.5022],
  jioindiacentral: [21.1466, 79.0889],
  jioindiawest: [22.4707, 70.0577],
  koreacentral: [37.5665, 126.978],
  koreasouth: [35.1796, 129.0756],
  malaysiawest: [3.139, 101.6869],
  mexicocentral: [20.5888, -100.3899],
  newzealandnorth: [-36.8485, 174.7635],
  northcentralus: [41.8819, -87.6278],
  northeurope: [53.3478, -6.2597],
  norwayeast: [59.9139, 10.7522],
  norwaywest: [58.97, 5.7331],
  polandcentral: [52.2297, 21.0122],
  qatarcentral: [25.5515, 51.4393],
  southafricanorth: [-25.7313, 28.2184],
  southafricawest: [-34.0757, 18.8433],
  southcentralus: [29.4167, -98.5],
  southindia: [12.9822, 80.1636],
  southeastasia: [1.283, 103.833],
  spaincentral: [40.4168, -3.7038],
  swedencentral: [60.6749, 17.1413],
  swedensouth: [55.6059, 13.0007],
  switzerlandnorth: [47.4515, 8.5646],
  switzerlandwest: [46.2044, 6.1432],
  uaecentral: [24.4667, 54.3667],
  uaenorth: [25.2667, 55.3167],
  uksouth: [50.941, -0.799],
  ukwest: [53.427, -3.084],
  westcentralus: [40.89, -110.234],
  westeurope: [52.3667, 4.9],
  westindia: [19.088, 72.868],
  westus: [37.783, -122.417],
  westus2: [47.233, -119.852],
  westus3: [33.4484, -112.074],
};

const EARTH_RADIUS_MILES = 3958.8;

/** Great-circle distance between two Azure regions in miles, or undefined for an unknown region. */
export function regionDistanceMiles(a: string, b: string): number | undefined {
  const from = AZURE_REGION_COORDINATES[a];
  const to = AZURE_REGION_COORDINATES[b];
  if (!from || !to) return undefined;
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(to[0] - from[0]);
  const dLon = rad(to[1] - from[1]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(from[0])) * Math.cos(rad(to[0])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}
