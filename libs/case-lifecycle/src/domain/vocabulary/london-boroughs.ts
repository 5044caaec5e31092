/**
 * The 32 London boroughs and the City of London, as a residence typed in a custody suite may
 * name them: what tells "Barnet, near Enfield" (a child of Barnet) from "Tottenham, Haringey".
 * Each is spelled as it is matched, a run of whole words ("Royal Borough of Kingston-upon-Thames"
 * holds "Kingston upon Thames"; "City of Westminster" holds "Westminster").
 */
export const LONDON_BOROUGHS = [
  'City of London',
  'Barking and Dagenham',
  'Barnet',
  'Bexley',
  'Brent',
  'Bromley',
  'Camden',
  'Croydon',
  'Ealing',
  'Enfield',
  'Greenwich',
  'Hackney',
  'Hammersmith and Fulham',
  'Haringey',
  'Harrow',
  'Havering',
  'Hillingdon',
  'Hounslow',
  'Islington',
  'Kensington and Chelsea',
  'Kingston upon Thames',
  'Lambeth',
  'Lewisham',
  'Merton',
  'Newham',
  'Redbridge',
  'Richmond upon Thames',
  'Southwark',
  'Sutton',
  'Tower Hamlets',
  'Waltham Forest',
  'Wandsworth',
  'Westminster',
] as const;
