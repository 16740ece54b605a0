import { describe, expect, it } from 'vitest';
import { loadFixture } from './fixtures/load-fixture.ts';
import { parseHostCompanyPreferences } from './parse-host-company-preferences.ts';
import { QbxmlParseError } from './qbxml-parse-error.ts';

const OWNER_ID = '{6B2C7B2E-0C3A-4E5F-9A1B-2C3D4E5F6A7B}';

describe('parseHostCompanyPreferences', () => {
  it('reads a US Enterprise company file', () => {
    expect(parseHostCompanyPreferences(loadFixture('hcp-us.xml'), OWNER_ID)).toEqual({
      host: {
        productName: 'QuickBooks Enterprise Solutions: Contractor 24.0',
        majorVersion: '34',
        minorVersion: '0',
        country: 'US',
        supportedQbxmlVersions: [
          '1.0',
          '1.1',
          '2.0',
          '2.1',
          '3.0',
          '4.0',
          '4.1',
          '5.0',
          '6.0',
          '7.0',
          '8.0',
          '9.0',
          '10.0',
          '11.0',
          '12.0',
          '13.0',
          '14.0',
          '15.0',
          '16.0',
        ],
        highestQbxmlVersion: '16.0',
        qbFileMode: 'MultiUser',
        isAutomaticLogin: true,
      },
      company: {
        companyName: 'Granite Peak Builders',
        legalCompanyName: 'Granite Peak Builders, LLC',
        // Ours (OwnerID in lower case in the file), not the other application's FileID, not our LastSync.
        fileId: '{D1C2B3A4-9F8E-4D7C-B6A5-0F1E2D3C4B5A}',
      },
      preferences: {
        isUsingClassTracking: true,
        assignClassesTo: 'Accounts',
        isUsingAccountNumbers: true,
        closingDate: '2025-12-31',
        isUsingEstimates: true,
        isUsingProgressInvoicing: true,
        isUsingInventory: false,
        isMultiCurrencyOn: false,
        isTrackingReimbursedExpensesAsIncome: true,
        isAutomaticLoginAllowed: true,
        automaticLoginUserName: 'Procore Sync',
        isPersonalDataAccessAllowed: false,
      },
    });
  });

  it('reads a Canadian company file with regional qbXML versions', () => {
    const hcp = parseHostCompanyPreferences(loadFixture('hcp-ca.xml'), OWNER_ID.toLowerCase());
    expect(hcp.host).toMatchObject({
      country: 'CA',
      supportedQbxmlVersions: ['CA2.0', 'CA2.1', 'CA3.0', '3.0', '6.0', '10.0', '12.0', '13.0', '2.0'],
      highestQbxmlVersion: '13.0',
      qbFileMode: 'SingleUser',
      isAutomaticLogin: false,
    });
    expect(hcp.company).toEqual({ companyName: 'Maple Ridge Construction Ltd.', fileId: '{0F9E8D7C-6B5A-4938-8271-605F4E3D2C1B}' });
    expect(hcp.preferences).toEqual({
      isUsingClassTracking: false,
      isUsingAccountNumbers: false,
      isUsingEstimates: true,
      isUsingProgressInvoicing: false,
      isUsingInventory: false,
      isMultiCurrencyOn: true,
      homeCurrency: 'Canadian Dollar',
      isAutomaticLoginAllowed: false,
      isPersonalDataAccessAllowed: false,
    });
  });

  it('reads the QuickBooks user the application logs in as (CurrentAppAccessRights AutomaticLoginUserName)', () => {
    const xml =
      '<?xml version="1.0"?><QBXML><QBXMLMsgsRs><PreferencesQueryRs statusCode="0" statusSeverity="Info" statusMessage="Status OK"><PreferencesRet>' +
      '<CurrentAppAccessRights><IsAutomaticLoginAllowed>true</IsAutomaticLoginAllowed><AutomaticLoginUserName>Field Office</AutomaticLoginUserName><IsPersonalDataAccessAllowed>false</IsPersonalDataAccessAllowed></CurrentAppAccessRights>' +
      '</PreferencesRet></PreferencesQueryRs></QBXMLMsgsRs></QBXML>';
    expect(parseHostCompanyPreferences(xml, OWNER_ID).preferences).toEqual({
      isAutomaticLoginAllowed: true,
      automaticLoginUserName: 'Field Office',
      isPersonalDataAccessAllowed: false,
    });
  });

  it('matches our OwnerID with or without braces, in any case', () => {
    const xml = loadFixture('hcp-ca.xml');
    expect(parseHostCompanyPreferences(xml, '6b2c7b2e-0c3a-4e5f-9a1b-2c3d4e5f6a7b').company?.fileId).toBe('{0F9E8D7C-6B5A-4938-8271-605F4E3D2C1B}');
    expect(parseHostCompanyPreferences(xml, ' {6B2C7B2E-0C3A-4E5F-9A1B-2C3D4E5F6A7B} ').company?.fileId).toBeDefined();
  });

  it('has no fileId when QBWC has not stamped one for our OwnerID yet', () => {
    const hcp = parseHostCompanyPreferences(loadFixture('hcp-us.xml'), '{00000000-0000-0000-0000-000000000001}');
    expect(hcp.company).toEqual({ companyName: 'Granite Peak Builders', legalCompanyName: 'Granite Peak Builders, LLC' });
  });

  it('is tolerant of missing and failed parts', () => {
    const onlyHost =
      '<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><HostQueryRs requestID="0" statusCode="0" statusSeverity="Info"><HostRet><ProductName>QuickBooks Pro 2024</ProductName><Country>US</Country></HostRet></HostQueryRs>' +
      '<CompanyQueryRs requestID="1" statusCode="3250" statusSeverity="Error" statusMessage="Feature not enabled"/>' +
      '<PreferencesQueryRs requestID="2"/></QBXMLMsgsRs></QBXML>';
    expect(parseHostCompanyPreferences(onlyHost, OWNER_ID)).toEqual({
      host: { productName: 'QuickBooks Pro 2024', majorVersion: '', minorVersion: '', country: 'US', supportedQbxmlVersions: [] },
    });
    expect(parseHostCompanyPreferences('<QBXML><QBXMLMsgsRs/></QBXML>', OWNER_ID)).toEqual({});
    expect(parseHostCompanyPreferences('<QBXML/>', OWNER_ID)).toEqual({});
    expect(parseHostCompanyPreferences('', OWNER_ID)).toEqual({});
    expect(parseHostCompanyPreferences('HOSTQUERY/COMPANYQUERY/PREFQUERY is currently not supported in QBPOS.', OWNER_ID)).toEqual({});
  });

  it('throws QbxmlParseError only for malformed XML', () => {
    expect(() => parseHostCompanyPreferences('<QBXML><QBXMLMsgsRs>', OWNER_ID)).toThrow(QbxmlParseError);
    expect(() => parseHostCompanyPreferences('<!DOCTYPE x [<!ENTITY e "e">]><QBXML/>', OWNER_ID)).toThrow(QbxmlParseError);
  });
});
