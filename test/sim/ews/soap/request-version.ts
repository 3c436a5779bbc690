/**
 * RequestServerVersion values (t:RequestServerVersion/@Version), in order. Behaviour that depends on the
 * version (EWSFindCountLimit answers) compares ranks.
 */
export const REQUEST_VERSIONS = [
  'Exchange2007',
  'Exchange2007_SP1',
  'Exchange2010',
  'Exchange2010_SP1',
  'Exchange2010_SP2',
  'Exchange2013',
  'Exchange2013_SP1',
  'Exchange2015',
  'Exchange2016',
  'V2015_10_05',
  'V2016_01_06',
  'V2016_04_13',
  'V2016_07_13',
  'V2016_10_10',
  'V2017_01_07',
  'V2017_04_14',
  'V2017_07_11',
  'V2017_10_09',
  'V2018_01_08',
] as const;

export type RequestVersion = (typeof REQUEST_VERSIONS)[number];

export function versionRank(version: string): number {
  return REQUEST_VERSIONS.indexOf(version as RequestVersion);
}

export function isAtLeast(version: RequestVersion, minimum: RequestVersion): boolean {
  return versionRank(version) >= versionRank(minimum);
}

/** What the simulator reports in ServerVersionInfo: Exchange Server 2016 CU23. */
export const SERVER_VERSION = {
  MajorVersion: 15,
  MinorVersion: 1,
  MajorBuildNumber: 2507,
  MinorBuildNumber: 6,
  Version: 'V2017_07_11',
} as const;
